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
  readonly contract: 'CDI' | 'Stage' | 'Freelance';
  readonly skills: readonly string[];
  readonly remote: boolean;
  /** The employer's context, then what the job is really about. */
  readonly about: readonly [string, string];
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
  [
    'linkedin',
    '4012345682',
    'Lead Data Engineer',
    'Énergie Verte Conseil',
    'Grenoble',
    '38000',
    [62_000, 72_000],
    ['Python', 'Airflow', 'Terraform'],
    true,
    true,
  ],
  ['linkedin', '4012345683', 'Machine Learning Engineer', 'Visiolab', 'Lyon', '69007', [52_000, 60_000], ['Python', 'PyTorch', 'MLOps'], true],
  ['linkedin', '4012345684', 'Data Platform Engineer', 'Banque Rhône-Alpes', 'Lyon', '69002', [50_000, 60_000], ['Kubernetes', 'Spark', 'Python'], false],
  ['hellowork', '51234567', 'Développeur Data H/F', 'Transports Martin', 'Saint-Priest', '69800', [40_000, 46_000], ['SQL', 'Talend', 'Python'], false],
  ['hellowork', '51234568', 'Ingénieur Big Data H/F', 'Groupe Altimed', 'Lyon', '69009', [47_000, 55_000], ['Hadoop', 'Spark', 'Hive'], false],
  [
    'hellowork',
    '51234569',
    'Data Analyst H/F',
    'Coopérative Agricole du Beaujolais',
    'Villefranche-sur-Saône',
    '69400',
    [36_000, 40_000],
    ['SQL', 'Power BI', 'Excel'],
    false,
  ],
  ['hellowork', '51234570', 'Consultant Data H/F', 'Kalidata', 'Annecy', '74000', [42_000, 50_000], ['SQL', 'Python', 'Snowflake'], true],
  ['hellowork', '51234571', 'Ingénieur ETL H/F', 'Logistique Sud-Est', 'Vénissieux', '69200', null, ['Informatica', 'SQL', 'Oracle'], false, true],
  ['hellowork', '51234572', 'Architecte Data H/F', 'Hospices Civils Numérique', 'Lyon', '69003', [60_000, 70_000], ['Azure', 'Databricks', 'Python'], true],
  ['hellowork', '51234573', 'Data Engineer Junior H/F', 'Start Rhône', 'Lyon', '69001', [38_000, 42_000], ['Python', 'SQL', 'Docker'], true],
  ['wttj', 'sunnyweb-data-engineer-confirme', 'Data Engineer confirmé·e', 'Sunnyweb', 'Lyon', '69002', [50_000, 58_000], ['Python', 'Airflow', 'GCP'], true],
  [
    'wttj',
    'mutuelle-claire-senior-data-engineer',
    'Senior Data Engineer',
    'Mutuelle Claire',
    'Paris',
    '75009',
    [65_000, 80_000],
    ['Python', 'dbt', 'Snowflake'],
    true,
  ],
  ['wttj', 'ecotrip-analytics-engineer', 'Analytics Engineer', 'Ecotrip', 'Lyon', '69006', [48_000, 55_000], ['dbt', 'SQL', 'Metabase'], true],
  ['wttj', 'foodlab-data-scientist', 'Data Scientist (CDI)', 'Foodlab', 'Bordeaux', '33000', [44_000, 50_000], ['Python', 'statistiques', 'SQL'], false],
  ['wttj', 'greenfleet-ml-engineer', 'ML Engineer', 'Greenfleet', 'Lyon', '69003', [55_000, 62_000], ['Python', 'MLOps', 'AWS'], true],
  ['wttj', 'cleanair-data-ops', 'DataOps Engineer', 'CleanAir', 'Grenoble', '38000', [47_000, 54_000], ['Kubernetes', 'Airflow', 'Python'], true, true],
  ['indeed', 'a1b2c3d4e5f60718', 'Data Engineer (H/F)', 'Sopra Data Services', 'Lyon', '69003', [42_000, 50_000], ['Python', 'Spark', 'SQL'], false],
  [
    'indeed',
    'a1b2c3d4e5f60719',
    'Ingénieur Décisionnel (H/F)',
    'Clinique du Parc',
    'Lyon',
    '69006',
    [38_000, 44_000],
    ['SQL Server', 'SSIS', 'Power BI'],
    false,
  ],
  [
    'indeed',
    'a1b2c3d4e5f60720',
    'Développeur Python Data (H/F)',
    'Meteo Insight',
    'Toulouse',
    '31000',
    [40_000, 48_000],
    ['Python', 'pandas', 'PostgreSQL'],
    true,
  ],
  ['indeed', 'a1b2c3d4e5f60721', 'Data Manager (H/F)', 'Réseau Habitat', 'Lyon', '69007', null, ['SQL', 'gouvernance', 'Excel'], false],
  ['indeed', 'a1b2c3d4e5f60722', 'Ingénieur Data Cloud (H/F)', 'Nuageo', 'Marseille', '13002', [50_000, 58_000], ['AWS', 'Terraform', 'Python'], true],
  [
    'cadremploi',
    '7012345',
    'Responsable Data (H/F)',
    'Groupe Sébastien Immobilier',
    'Lyon',
    '69002',
    [70_000, 85_000],
    ['management', 'SQL', 'stratégie data'],
    false,
  ],
  [
    'cadremploi',
    '7012346',
    'Chef de projet Data (H/F)',
    'Industries du Dauphiné',
    'Grenoble',
    '38000',
    [55_000, 65_000],
    ['gestion de projet', 'SQL', 'agile'],
    false,
  ],
  [
    'cadremploi',
    '7012347',
    'Data Engineer Senior (H/F)',
    'Banque des Territoires Régionale',
    'Lyon',
    '69003',
    [58_000, 68_000],
    ['Python', 'Spark', 'Azure'],
    true,
  ],
  [
    'cadremploi',
    '7012348',
    'Directeur des données (H/F)',
    'Laboratoires Rhodia Santé',
    'Lyon',
    '69007',
    [95_000, 110_000],
    ['management', 'gouvernance', 'RGPD'],
    false,
    true,
  ],
  [
    'cadremploi',
    '7012349',
    'Data Architect (H/F)',
    'Assurances Mutuelles du Centre',
    'Clermont-Ferrand',
    '63000',
    [62_000, 70_000],
    ['architecture', 'Azure', 'Databricks'],
    true,
  ],
  ['cadremploi', '7012350', 'Lead Analytics (H/F)', 'Retail Alpes', 'Annecy', '74000', [60_000, 66_000], ['SQL', 'Looker', 'management'], false],
  [
    'jtms',
    'data-engineer-energie-citoyenne',
    'Data Engineer - Transition énergétique',
    'Énergie Citoyenne',
    'Lyon',
    '69001',
    [42_000, 48_000],
    ['Python', 'SQL', 'open data'],
    true,
  ],
  [
    'jtms',
    'data-analyst-banque-alimentaire',
    'Data Analyst Impact',
    'Réseau Solidaire Alimentaire',
    'Lyon',
    '69008',
    [34_000, 38_000],
    ['SQL', 'Metabase', 'impact'],
    false,
  ],
  [
    'jtms',
    'developpeur-data-mobilite-douce',
    'Développeur·se Data Mobilité douce',
    'Vélo Commun',
    'Grenoble',
    '38000',
    [38_000, 44_000],
    ['Python', 'PostGIS', 'open data'],
    true,
  ],
  [
    'jtms',
    'ingenieur-donnees-climat',
    'Ingénieur·e données climat',
    'Observatoire Climat Local',
    'Lyon',
    '69007',
    [40_000, 46_000],
    ['Python', 'xarray', 'SQL'],
    true,
  ],
  [
    'jtms',
    'product-data-economie-circulaire',
    'Product Data Analyst',
    'Recyclerie Numérique',
    'Nantes',
    '44000',
    [40_000, 45_000],
    ['SQL', 'Amplitude', 'Python'],
    true,
  ],
  ['linkedin', '4012345685', 'Data Engineer Freelance', 'Freelance Hub', 'Paris', '75002', null, ['Python', 'Spark', 'AWS'], true],
  [
    'hellowork',
    '51234574',
    'Technicien Support Data H/F',
    'Centre Hospitalier Nord',
    'Bourg-en-Bresse',
    '01000',
    [28_000, 32_000],
    ['support', 'SQL', 'astreintes'],
    false,
  ],
  ['indeed', 'a1b2c3d4e5f60723', 'Stage Data Engineer (H/F)', 'Startup Lyonnaise', 'Lyon', '69002', [15_000, 15_000], ['Python', 'SQL', 'stage'], false],
  ['wttj', 'sunnyweb-head-of-data', 'Head of Data', 'Sunnyweb', 'Lyon', '69002', [80_000, 95_000], ['management', 'dbt', 'stratégie data'], true],
];

/** Per offer, what makes it itself: the employer's context, then what the job is really about. */
const ABOUT: Record<string, [string, string]> = {
  '4012345678': [
    "Datalyo édite une plateforme d'analyse de la fréquentation des commerces de centre-ville, utilisée par une soixantaine de collectivités.",
    "Vous reprendrez les pipelines d'ingestion des capteurs et en ferez une chaîne fiable, testée et documentée, avec des données servies chaque matin à 6 h.",
  ],
  '4012345679': [
    'Mobilitix développe le calculateur d’itinéraires de plusieurs réseaux de transport de la métropole lyonnaise.',
    'Vous concevrez le traitement temps réel des positions de véhicules (plusieurs millions d’événements par jour) et la prévision des retards.',
  ],
  '4012345680': [
    'Panier Frais livre des produits de producteurs locaux à 40 000 foyers franciliens chaque semaine.',
    'Vous construirez la couche de modèles dbt qui alimente les tableaux de bord des équipes achats, logistique et marketing.',
  ],
  '4012345681': [
    'Assurélia est un courtier en assurance de 300 personnes qui modernise sa tarification.',
    'Vous travaillerez sur les modèles de résiliation et de fraude, de l’exploration à la mise en production avec l’équipe IT.',
  ],
  '4012345682': [
    'Énergie Verte Conseil accompagne les industriels alpins dans la réduction de leur consommation énergétique.',
    'Vous encadrerez trois data engineers et porterez la refonte de la plateforme de collecte des compteurs industriels.',
  ],
  '4012345683': [
    'Visiolab conçoit des systèmes de contrôle qualité par vision pour l’industrie agroalimentaire.',
    'Vous industrialiserez l’entraînement et le déploiement des modèles de détection de défauts sur les lignes de production clientes.',
  ],
  '4012345684': [
    'Banque Rhône-Alpes est une banque régionale de 2 000 collaborateurs engagée dans la migration de son système décisionnel.',
    'Vous bâtirez la nouvelle plateforme de données sur Kubernetes et accompagnerez la migration des traitements historiques.',
  ],
  '4012345685': [
    'Freelance Hub met en relation des consultants indépendants et des grands comptes parisiens.',
    'Mission de six mois renouvelable chez un acteur du e-commerce : reprise de pipelines Spark sur AWS et optimisation des coûts.',
  ],
  '51234567': [
    'Transports Martin est un transporteur familial de 450 salariés, spécialisé dans la messagerie régionale.',
    'Vous développerez les flux entre l’outil d’exploitation, la facturation et l’entrepôt de données, et fiabiliserez les indicateurs de tournée.',
  ],
  '51234568': [
    'Groupe Altimed réunit douze cliniques et centralise désormais ses données médico-économiques.',
    'Vous ferez évoluer le socle Hadoop existant et préparerez sa bascule progressive vers une architecture plus légère.',
  ],
  '51234569': [
    'La Coopérative Agricole du Beaujolais rassemble 900 exploitants et commercialise leurs récoltes en France et à l’export.',
    'Vous produirez les analyses de collecte et de ventes, et construirez les rapports Power BI des responsables de filière.',
  ],
  '51234570': [
    'Kalidata est un cabinet de conseil de 40 consultants spécialisé dans les projets data des ETI savoyardes.',
    'Vous interviendrez chez deux à trois clients par an, du cadrage à la livraison d’entrepôts de données sur Snowflake.',
  ],
  '51234571': [
    'Logistique Sud-Est exploite six entrepôts dans la vallée du Rhône.',
    'Vous maintiendrez les flux Informatica vers l’entrepôt Oracle et participerez à leur remplacement.',
  ],
  '51234572': [
    'Hospices Civils Numérique est la structure informatique d’un grand groupement hospitalier.',
    'Vous définirez l’architecture de l’entrepôt de données de santé sur Azure, avec les exigences de sécurité et de traçabilité propres au secteur.',
  ],
  '51234573': [
    'Start Rhône est une jeune pousse de 25 personnes qui optimise la gestion des déchets des restaurants.',
    'Vous rejoindrez une équipe data de trois personnes pour fiabiliser la collecte des pesées et automatiser les rapports clients.',
  ],
  '51234574': [
    'Le Centre Hospitalier Nord couvre un bassin de 300 000 habitants.',
    'Vous assurerez le support des outils de pilotage et des extractions de données pour les services de soins et la direction.',
  ],
  'sunnyweb-data-engineer-confirme': [
    'Sunnyweb conçoit des logiciels de gestion pour les installateurs de panneaux solaires.',
    'Vous serez responsable des flux de données de production des installations et de leur mise à disposition dans le produit.',
  ],
  'mutuelle-claire-senior-data-engineer': [
    'Mutuelle Claire est une mutuelle en ligne qui rembourse ses adhérents en moins de 24 heures.',
    'Vous ferez évoluer l’entrepôt Snowflake et les modèles dbt au cœur du calcul des remboursements et du pilotage.',
  ],
  'ecotrip-analytics-engineer': [
    'Ecotrip propose des séjours bas carbone en train et compte 80 000 voyageurs par an.',
    'Vous modéliserez les données de réservation et d’émissions, et outillerez les équipes avec Metabase.',
  ],
  'foodlab-data-scientist': [
    'Foodlab aide les restaurants collectifs à réduire le gaspillage alimentaire.',
    'Vous construirez les modèles de prévision de fréquentation qui ajustent les commandes de 400 cantines.',
  ],
  'greenfleet-ml-engineer': [
    'Greenfleet électrifie les flottes de véhicules utilitaires des entreprises.',
    'Vous mettrez en production les modèles de prévision de recharge et suivrez leur dérive au fil des saisons.',
  ],
  'cleanair-data-ops': [
    'CleanAir mesure la qualité de l’air intérieur dans les écoles et les bureaux.',
    'Vous prendrez en charge l’exploitation de la plateforme de données des capteurs et son passage sous Kubernetes.',
  ],
  'sunnyweb-head-of-data': [
    'Sunnyweb, éditeur de logiciels pour la filière solaire, structure son équipe data après une levée de fonds.',
    'Vous prendrez la tête d’une équipe de six personnes, définirez la feuille de route data et la porterez au comité de direction.',
  ],
  a1b2c3d4e5f60718: [
    'Sopra Data Services est l’entité data d’une ESN de 1 500 collaborateurs.',
    'Vous rejoindrez le centre de services lyonnais et développerez des traitements Spark pour des clients du secteur bancaire.',
  ],
  a1b2c3d4e5f60719: [
    'La Clinique du Parc est un établissement privé de 250 lits.',
    'Vous ferez évoluer l’entrepôt SQL Server et les rapports Power BI de la direction médicale et financière.',
  ],
  a1b2c3d4e5f60720: [
    'Meteo Insight fournit des prévisions météorologiques sur mesure aux agriculteurs et aux gestionnaires de réseaux.',
    'Vous développerez les services Python qui transforment les sorties de modèles numériques en indicateurs clients.',
  ],
  a1b2c3d4e5f60721: [
    'Réseau Habitat est un bailleur social qui gère 20 000 logements dans le Rhône.',
    'Vous piloterez la qualité et la gouvernance des données patrimoniales et locatives, en lien avec toutes les directions.',
  ],
  a1b2c3d4e5f60722: [
    'Nuageo est un hébergeur cloud souverain basé à Marseille.',
    'Vous concevrez les plateformes de données proposées aux clients, de l’infrastructure Terraform aux pipelines managés.',
  ],
  a1b2c3d4e5f60723: [
    'Startup Lyonnaise développe une application de réservation de créneaux sportifs.',
    'Stage de six mois : vous automatiserez le suivi de l’activité et participerez à la création du premier entrepôt de données.',
  ],
  '7012345': [
    'Le Groupe Sébastien Immobilier gère 15 agences et un pôle de promotion en Auvergne-Rhône-Alpes.',
    'Vous créerez la fonction data du groupe : équipe, priorités, outils, et vous rendrez compte à la direction générale.',
  ],
  '7012346': [
    'Industries du Dauphiné fabrique des composants pour l’hydroélectricité et emploie 800 personnes.',
    'Vous piloterez le projet de collecte des données de production des trois usines et la mise en place des premiers indicateurs.',
  ],
  '7012347': [
    'La Banque des Territoires Régionale finance les projets d’infrastructure des collectivités.',
    'Vous développerez les pipelines Spark sur Azure qui consolident les données de financement et d’impact.',
  ],
  '7012348': [
    'Laboratoires Rhodia Santé est un laboratoire pharmaceutique de 1 200 personnes.',
    'Vous définirez et porterez la stratégie données du groupe, avec une attention particulière à la conformité.',
  ],
  '7012349': [
    'Assurances Mutuelles du Centre protège 400 000 sociétaires.',
    'Vous concevrez l’architecture cible de la plateforme de données sur Azure et Databricks et accompagnerez les équipes projet.',
  ],
  '7012350': [
    'Retail Alpes exploite 60 magasins de sport de montagne.',
    'Vous encadrerez deux analystes et ferez des données de vente et de stock un outil quotidien pour les magasins.',
  ],
  'data-engineer-energie-citoyenne': [
    'Énergie Citoyenne finance et exploite des centrales solaires détenues par des habitants.',
    'Vous bâtirez les flux de données de production et d’épargne citoyenne, publiés en open data.',
  ],
  'data-analyst-banque-alimentaire': [
    'Le Réseau Solidaire Alimentaire coordonne la collecte et la redistribution de denrées auprès de 150 associations.',
    'Vous mesurerez l’impact du réseau et outillerez les bénévoles avec des tableaux de bord simples.',
  ],
  'developpeur-data-mobilite-douce': [
    'Vélo Commun est une coopérative qui développe des outils pour les politiques cyclables.',
    'Vous développerez le traitement des données de comptage vélo et leur cartographie pour les collectivités.',
  ],
  'ingenieur-donnees-climat': [
    'L’Observatoire Climat Local produit des diagnostics climatiques pour les territoires.',
    'Vous traiterez les projections climatiques régionalisées et en tirerez des indicateurs lisibles par les élus.',
  ],
  'product-data-economie-circulaire': [
    'La Recyclerie Numérique reconditionne des ordinateurs pour les associations et les écoles.',
    'Vous suivrez l’usage de la plateforme de dons et aiderez l’équipe produit à prioriser à partir des données.',
  ],
};

export const DEMO_OFFERS: readonly DemoOffer[] = ROWS.map(([board, id, title, company, city, postalCode, salary, skills, remote = false, gone = false]) => ({
  slug: `${board}-${id}`,
  board,
  title,
  company,
  city,
  department: postalCode.slice(0, 2),
  postalCode,
  salary: salary ? { min: salary[0], max: salary[1], unit: 'YEAR' as const } : undefined,
  contract: /^Stage\b/.test(title) ? 'Stage' : /Freelance/.test(title) ? 'Freelance' : 'CDI',
  skills,
  remote,
  about: ABOUT[id],
  gone,
}));

/** Thousands split by a plain space, as the boards print them (not ICU's narrow no-break space). */
const euros = (amount: number): string => `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} €`;

export function formatSalary(salary: DemoOffer['salary']): string {
  if (!salary) return '';
  const range = salary.min === salary.max ? euros(salary.min) : `${euros(salary.min)} - ${euros(salary.max)}`;
  return `${range} par ${salary.unit === 'YEAR' ? 'an' : 'mois'}`;
}

const seniority = (title: string): string => {
  if (/^(Head|Directeur|Responsable|Lead)/.test(title))
    return 'Vous avez au moins huit ans d’expérience, dont trois en management d’équipe, et savez porter un sujet data auprès d’une direction.';
  if (/Stage/.test(title)) return 'Étudiant·e en dernière année d’école d’ingénieurs ou de master, vous cherchez un stage de fin d’études de six mois.';
  if (/Junior/.test(title)) return 'Première expérience réussie (stage ou alternance compris) : nous comptons sur votre curiosité plus que sur votre CV.';
  if (/Senior|confirmé|Architect/.test(title)) return 'Vous avez au moins cinq ans d’expérience sur un poste similaire et aimez transmettre aux plus jeunes.';
  return 'Vous avez deux à quatre ans d’expérience sur un poste similaire, le goût du travail bien fait et de la documentation.';
};

/** A description of several paragraphs, as boards publish them. */
export function describeDemoOffer(offer: DemoOffer): string[] {
  return [
    `${offer.about[0]} Pour renforcer son équipe à ${offer.city}, ${offer.company} recrute un·e ${offer.title}.`,
    `${offer.about[1]} Au quotidien, vous travaillerez avec ${offer.skills.join(', ')}.`,
    `Profil recherché : ${seniority(offer.title)}`,
    offer.remote
      ? 'Organisation : télétravail possible jusqu’à trois jours par semaine, horaires flexibles, RTT.'
      : 'Organisation : poste sur site, deux jours de télétravail possibles après la période d’essai.',
    `Rémunération et avantages : ${offer.salary ? `${formatSalary(offer.salary)}, ` : 'selon profil, '}mutuelle prise en charge à 70 %, titres-restaurant, budget formation annuel.`,
  ];
}
