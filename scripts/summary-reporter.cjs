// Ends the test output with the plain line CI reads: "tests: N passed, N failed, N skipped".
// Jest prints its own summary on stderr as it finishes, so the line waits for the process exit to come last.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numRuntimeErrorTestSuites } = results;
    const failed = numFailedTests + numRuntimeErrorTestSuites;
    process.once('exit', () => {
      process.stdout.write(`\ntests: ${numPassedTests} passed, ${failed} failed, ${numPendingTests} skipped\n`);
    });
  }
}
module.exports = SummaryReporter;
