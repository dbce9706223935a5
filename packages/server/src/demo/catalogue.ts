/** The demo set a new user sees on first start: realistic French alerts, written for Veille. */
export type DemoBoard = 'linkedin' | 'hellowork' | 'wttj' | 'indeed' | 'cadremploi' | 'jtms';

export type DemoOffer = {
  readonly slug: string;
  readonly board: DemoBoard;
  readonly title: string;
  readonly company: string;
  readonly city: string;
  readonly department: string;
  readonly postalCode: string;
  readonly salary?: { min: number; max: number; unit: 'YEAR' | 'MONTH' };
  readonly skills: readonly string[];
  readonly remote: boolean;
  /** The board took the offer down: its page answers 410. */
  readonly gone?: boolean;
};

type Row = [DemoBoard, string, string, string, string, string, [number, number] | null, string[], boolean?, boolean?];

// board, id, title, company, city, postal code, yearly salary, skills, remote, gone
const ROWS: Row[] = [
  ['linkedin', '4012345678', 'Data Engineer', 'Datalyo', 'Lyon', '69002', [48_000, 58_000], ['Python', 'Airflow', 'SQL', 'dbt'], true],
  ['linkedin', '4012345679', 'Ingénieur Data Senior', 'Mobilitix', 'Villeurbanne', '69100', [55_000, 65_000], ['Spark', 'Scala', 'Kafka'], true],
  ['linkedin', '4012345680', 'Analytics Engineer', 'Panier Frais', 'Paris', '75011', null, ['dbt', 'BigQuery', 'Looker'], false],
  ['linkedin', '4012345681', 'Data Scientist', 'Assurélia', 'Lyon', '69003', [45_000, 52_000], ['Python', 'scikit-learn', 'SQL'], false],
  ['linkedin', '4012345682', 'Lead Data Engineer', 'Énergie Verte Conseil', 'Grenoble', '38000', [62_000, 72_000], ['Python', 'Airflow', 'Terraform'], true, true],
  ['linkedin', '4012345683', 'Machine Learning Engineer', 'Visiolab', 'Lyon', '69007', [52_000, 60_000], ['Python', 'PyTorch', 'MLOps'], true],
  ['linkedin', '4012345684', 'Data Platform Engineer', 'Banque Rhône-Alpes', 'Lyon', '69002', [50_000, 60_000], ['Kubernetes', 'Spark', 'Python'], false],
  ['hellowork', '51234567', 'Développeur Data H/F', 'Transports Martin', 'Saint-Priest', '69800', [40_000, 46_000], ['SQL', 'Talend', 'Python'], false],
  ['hellowork', '51234568', 'Ingénieur Big Data H/F', 'Groupe Altimed', 'Lyon', '69009', [47_000, 55_000], ['Hadoop', 'Spark', 'Hive'], false],
  ['hellowork', '51234569', 'Data Analyst H/F', 'Coopérative Agricole du Beaujolais', 'Villefranche-sur-Saône', '69400', [36_000, 40_000], ['SQL', 'Power BI', 'Excel'], false],
  ['hellowork', '51234570', 'Consultant Data H/F', 'Kalidata', 'Annecy', '74000', [42_000, 50_000], ['SQL', 'Python', 'Snowflake'], true],
  ['hellowork', '51234571', 'Ingénieur ETL H/F', 'Logistique Sud-Est', 'Vénissieux', '69200', null, ['Informatica', 'SQL', 'Oracle'], false, true],
  ['hellowork', '51234572', 'Architecte Data H/F', 'Hospices Civils Numérique', 'Lyon', '69003', [60_000, 70_000], ['Azure', 'Databricks', 'Python'], true],
  ['hellowork', '51234573', 'Data Engineer Junior H/F', 'Start Rhône', 'Lyon', '69001', [38_000, 42_000], ['Python', 'SQL', 'Docker'], true],
  ['wttj', 'datalyo-data-engineer-confirme', 'Data Engineer confirmé·e', 'Sunnyweb', 'Lyon', '69002', [50_000, 58_000], ['Python', 'Airflow', 'GCP'], true],
  ['wttj', 'alan-like-data-engineer', 'Senior Data Engineer', 'Mutuelle Claire', 'Paris', '75009', [65_000, 80_000], ['Python', 'dbt', 'Snowflake'], true],
  ['wttj', 'ecotrip-analytics-engineer', 'Analytics Engineer', 'Ecotrip', 'Lyon', '69006', [48_000, 55_000], ['dbt', 'SQL', 'Metabase'], true],
  ['wttj', 'foodlab-data-scientist', 'Data Scientist (CDI)', 'Foodlab', 'Bordeaux', '33000', [44_000, 50_000], ['Python', 'statistiques', 'SQL'], false],
  ['wttj', 'greenfleet-ml-engineer', 'ML Engineer', 'Greenfleet', 'Lyon', '69003', [55_000, 62_000], ['Python', 'MLOps', 'AWS'], true],
  ['wttj', 'cleanair-data-ops', 'DataOps Engineer', 'CleanAir', 'Grenoble', '38000', [47_000, 54_000], ['Kubernetes', 'Airflow', 'Python'], true, true],
  ['indeed', 'a1b2c3d4e5f60718', 'Data Engineer (H/F)', 'Sopra Data Services', 'Lyon', '69003', [42_000, 50_000], ['Python', 'Spark', 'SQL'], false],
  ['indeed', 'a1b2c3d4e5f60719', 'Ingénieur Décisionnel (H/F)', 'Clinique du Parc', 'Lyon', '69006', [38_000, 44_000], ['SQL Server', 'SSIS', 'Power BI'], false],
  ['indeed', 'a1b2c3d4e5f60720', 'Développeur Python Data (H/F)', 'Meteo Insight', 'Toulouse', '31000', [40_000, 48_000], ['Python', 'pandas', 'PostgreSQL'], true],
  ['indeed', 'a1b2c3d4e5f60721', 'Data Manager (H/F)', 'Réseau Habitat', 'Lyon', '69007', null, ['SQL', 'gouvernance', 'Excel'], false],
  ['indeed', 'a1b2c3d4e5f60722', 'Ingénieur Data Cloud (H/F)', 'Nuageo', 'Marseille', '13002', [50_000, 58_000], ['AWS', 'Terraform', 'Python'], true],
  ['cadremploi', '7012345', 'Responsable Data (H/F)', 'Groupe Sébastien Immobilier', 'Lyon', '69002', [70_000, 85_000], ['management', 'SQL', 'stratégie data'], false],
  ['cadremploi', '7012346', 'Chef de projet Data (H/F)', 'Industries du Dauphiné', 'Grenoble', '38000', [55_000, 65_000], ['gestion de projet', 'SQL', 'agile'], false],
  ['cadremploi', '7012347', 'Data Engineer Senior (H/F)', 'Banque des Territoires Régionale', 'Lyon', '69003', [58_000, 68_000], ['Python', 'Spark', 'Azure'], true],
  ['cadremploi', '7012348', 'Directeur des données (H/F)', 'Laboratoires Rhodia Santé', 'Lyon', '69007', [95_000, 110_000], ['management', 'gouvernance', 'RGPD'], false, true],
  ['cadremploi', '7012349', 'Data Architect (H/F)', 'Assurances Mutuelles du Centre', 'Clermont-Ferrand', '63000', [62_000, 70_000], ['architecture', 'Azure', 'Databricks'], true],
  ['cadremploi', '7012350', 'Lead Analytics (H/F)', 'Retail Alpes', 'Annecy', '74000', [60_000, 66_000], ['SQL', 'Looker', 'management'], false],
  ['jtms', 'data-engineer-energie-citoyenne', 'Data Engineer - Transition énergétique', 'Énergie Citoyenne', 'Lyon', '69001', [42_000, 48_000], ['Python', 'SQL', 'open data'], true],
  ['jtms', 'data-analyst-banque-alimentaire', 'Data Analyst Impact', 'Réseau Solidaire Alimentaire', 'Lyon', '69008', [34_000, 38_000], ['SQL', 'Metabase', 'impact'], false],
  ['jtms', 'developpeur-data-mobilite-douce', 'Développeur·se Data Mobilité douce', 'Vélo Commun', 'Grenoble', '38000', [38_000, 44_000], ['Python', 'PostGIS', 'open data'], true],
  ['jtms', 'ingenieur-donnees-climat', 'Ingénieur·e données climat', 'Observatoire Climat Local', 'Lyon', '69007', [40_000, 46_000], ['Python', 'xarray', 'SQL'], true],
  ['jtms', 'product-data-economie-circulaire', 'Product Data Analyst', 'Recyclerie Numérique', 'Nantes', '44000', [40_000, 45_000], ['SQL', 'Amplitude', 'Python'], true],
  ['linkedin', '4012345685', 'Data Engineer Freelance', 'Freelance Hub', 'Paris', '75002', null, ['Python', 'Spark', 'AWS'], true],
  ['hellowork', '51234574', 'Technicien Support Data H/F', 'Centre Hospitalier Nord', 'Bourg-en-Bresse', '01000', [28_000, 32_000], ['support', 'SQL', 'astreintes'], false],
  ['indeed', 'a1b2c3d4e5f60723', 'Stage Data Engineer (H/F)', 'Startup Lyonnaise', 'Lyon', '69002', [15_000, 15_000], ['Python', 'SQL', 'stage'], false],
  ['wttj', 'sunnyweb-head-of-data', 'Head of Data', 'Sunnyweb', 'Lyon', '69002', [80_000, 95_000], ['management', 'dbt', 'stratégie data'], true],
];

export const DEMO_OFFERS: readonly DemoOffer[] = ROWS.map(
  ([board, id, title, company, city, postalCode, salary, skills, remote = false, gone = false]) => ({
    slug: `${board}-${id}`,
    board,
    title,
    company,
    city,
    department: postalCode.slice(0, 2),
    postalCode,
    salary: salary ? { min: salary[0], max: salary[1], unit: 'YEAR' as const } : undefined,
    skills,
    remote,
    gone,
  }),
);

export const formatSalary = (salary: DemoOffer['salary']): string =>
  salary ? `${salary.min.toLocaleString('fr-FR')} € - ${salary.max.toLocaleString('fr-FR')} € par an` : '';

/** A description of several paragraphs, as boards publish them. */
export const describeDemoOffer = (offer: DemoOffer): string[] => [
  `${offer.company} recrute un(e) ${offer.title} pour renforcer son équipe à ${offer.city}. Vous rejoindrez une équipe de huit personnes qui construit et fait vivre la plateforme de données utilisée chaque jour par les équipes métier.`,
  `Vos missions : concevoir et maintenir les flux de données, garantir leur qualité et leur documentation, accompagner les analystes dans leurs usages, et participer aux choix d'architecture. Vous travaillerez principalement avec ${offer.skills.join(', ')}.`,
  `Profil recherché : au moins trois ans d'expérience sur un poste similaire, le goût du travail bien fait et de la transmission. Une première expérience en environnement cloud est un plus.`,
  offer.remote
    ? `Organisation : télétravail possible jusqu'à trois jours par semaine, horaires flexibles, RTT.`
    : `Organisation : poste sur site, deux jours de télétravail possibles après la période d'essai.`,
  `Avantages : mutuelle prise en charge à 70 %, tickets restaurant, prime de participation, budget formation annuel.`,
];
