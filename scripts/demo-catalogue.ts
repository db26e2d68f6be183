// What the demo's content is made of: organisations and their delegates, rapporteurs, the Questions' topics,
// title and abstract patterns, reviewers' comments. All invented for the demonstration (demo data): the
// organisations other than the Member States are fictional, and no text here is a real ITU-T document.

import type { MemberType } from "../lib/domain";

export type DemoOrganisation = {
  /** a short code for file names: "CHN", "KES" */
  key: string;
  name: string;
  country: string;
  memberType: MemberType;
  /** the delegate who submits; `existing` when db/seed.ts already made the account */
  delegate: { name: string; email: string; phone: string; contactEmail: string; existing?: boolean };
  /** how many contributions it sends, relative to the others */
  weight: number;
  /** Questions it favours (its contributions go there twice as often) */
  favours: number[];
};

/** The demo accounts of db/seed.ts that contribute (the SG17 Associate is refused, and does not count here). */
export const ORGANISATIONS: DemoOrganisation[] = [
  {
    key: "SUI",
    name: "Switzerland (Confederation of) - OFCOM",
    country: "Switzerland",
    memberType: "member_state",
    delegate: { name: "Marc Dubois", email: "delegate@admin-ch.example", phone: "+41 58 460 55 00", contactEmail: "marc.dubois@admin-ch.example", existing: true },
    weight: 3,
    favours: [6, 7],
  },
  {
    key: "ETL",
    name: "Example Telecom Ltd",
    country: "United Kingdom",
    memberType: "sector_member",
    delegate: { name: "Sofia Rossi", email: "delegate@telco.example", phone: "+44 20 7946 0000", contactEmail: "sofia.rossi@telco.example", existing: true },
    weight: 4,
    favours: [1, 3],
  },
  {
    key: "EXU",
    name: "Example University",
    country: "Japan",
    memberType: "academia",
    delegate: { name: "Kenji Tanaka", email: "delegate@university.example", phone: "+81 3 0000 0000", contactEmail: "kenji@university.example", existing: true },
    weight: 3,
    favours: [5, 3],
  },
  {
    key: "SCE",
    name: "Smart City Example Ltd",
    country: "Russian Federation",
    memberType: "associate",
    delegate: { name: "Olga Petrova", email: "delegate@associate-sg20.example", phone: "+7 495 000 00 00", contactEmail: "olga.petrova@associate-sg20.example", existing: true },
    weight: 2,
    favours: [4, 7],
  },
  {
    key: "CHN",
    name: "China (People's Republic of)",
    country: "China",
    memberType: "member_state",
    delegate: { name: "Wang Fang", email: "wang.fang@miit-cn.example", phone: "+86 10 6620 0000", contactEmail: "wang.fang@miit-cn.example" },
    weight: 9,
    favours: [1, 2, 3],
  },
  {
    key: "KOR",
    name: "Korea (Republic of)",
    country: "Korea (Rep. of)",
    memberType: "member_state",
    delegate: { name: "Park Ji-ho", email: "park.jiho@msit-kr.example", phone: "+82 44 202 0000", contactEmail: "park.jiho@msit-kr.example" },
    weight: 7,
    favours: [3, 6, 2],
  },
  {
    key: "RUS",
    name: "Russian Federation",
    country: "Russian Federation",
    memberType: "member_state",
    delegate: { name: "Dmitry Volkov", email: "dmitry.volkov@mincifry-ru.example", phone: "+7 495 771 0000", contactEmail: "dmitry.volkov@mincifry-ru.example" },
    weight: 6,
    favours: [3, 1, 5],
  },
  {
    key: "EGY",
    name: "Egypt (Arab Republic of)",
    country: "Egypt",
    memberType: "member_state",
    delegate: { name: "Nour El-Din Hassan", email: "nour.hassan@ntra-eg.example", phone: "+20 2 3534 0000", contactEmail: "nour.hassan@ntra-eg.example" },
    weight: 4,
    favours: [2, 7],
  },
  {
    key: "CIV",
    name: "Côte d'Ivoire (Republic of)",
    country: "Côte d'Ivoire",
    memberType: "member_state",
    delegate: { name: "Aya Kouassi", email: "aya.kouassi@artci-ci.example", phone: "+225 20 34 00 00", contactEmail: "aya.kouassi@artci-ci.example" },
    weight: 3,
    favours: [4, 7],
  },
  {
    key: "UAE",
    name: "United Arab Emirates",
    country: "United Arab Emirates",
    memberType: "member_state",
    delegate: { name: "Fatima Al Mansoori", email: "fatima.almansoori@tdra-ae.example", phone: "+971 4 777 0000", contactEmail: "fatima.almansoori@tdra-ae.example" },
    weight: 4,
    favours: [7, 4],
  },
  {
    key: "IND",
    name: "India (Republic of)",
    country: "India",
    memberType: "member_state",
    delegate: { name: "Ananya Rao", email: "ananya.rao@dot-in.example", phone: "+91 11 2371 0000", contactEmail: "ananya.rao@dot-in.example" },
    weight: 4,
    favours: [2, 4],
  },
  {
    key: "BRA",
    name: "Brazil (Federative Republic of)",
    country: "Brazil",
    memberType: "member_state",
    delegate: { name: "João Pereira", email: "joao.pereira@anatel-br.example", phone: "+55 61 2312 0000", contactEmail: "joao.pereira@anatel-br.example" },
    weight: 3,
    favours: [7, 6],
  },
  {
    key: "NWT",
    name: "Northwind Telecom S.A.",
    country: "France",
    memberType: "sector_member",
    delegate: { name: "Camille Laurent", email: "camille.laurent@northwind.example", phone: "+33 1 70 00 00 00", contactEmail: "camille.laurent@northwind.example" },
    weight: 3,
    favours: [1, 6],
  },
  {
    key: "KES",
    name: "Kestrel Networks Inc.",
    country: "United States",
    memberType: "sector_member",
    delegate: { name: "Michael Brooks", email: "michael.brooks@kestrel.example", phone: "+1 202 555 0100", contactEmail: "michael.brooks@kestrel.example" },
    weight: 3,
    favours: [6, 3],
  },
  {
    key: "ORC",
    name: "Orchid Digital Technologies Co., Ltd.",
    country: "China",
    memberType: "sector_member",
    delegate: { name: "Chen Jing", email: "chen.jing@orchid-digital.example", phone: "+86 755 2678 0000", contactEmail: "chen.jing@orchid-digital.example" },
    weight: 5,
    favours: [4, 3, 5],
  },
  {
    key: "HAN",
    name: "Hanbit Mobile Corporation",
    country: "Korea (Rep. of)",
    memberType: "sector_member",
    delegate: { name: "Kim Seo-yeon", email: "kim.seoyeon@hanbit-mobile.example", phone: "+82 2 6100 0000", contactEmail: "kim.seoyeon@hanbit-mobile.example" },
    weight: 3,
    favours: [2, 1],
  },
  {
    key: "MER",
    name: "Meridian Smart Systems LLC",
    country: "United Arab Emirates",
    memberType: "sector_member",
    delegate: { name: "Omar Haddad", email: "omar.haddad@meridian-smart.example", phone: "+971 2 555 0000", contactEmail: "omar.haddad@meridian-smart.example" },
    weight: 2,
    favours: [4, 7],
  },
  {
    key: "UPE",
    name: "Universidad Politécnica de Ejemplo",
    country: "Spain",
    memberType: "academia",
    delegate: { name: "Lucía Fernández", email: "lucia.fernandez@upe.example", phone: "+34 91 000 00 00", contactEmail: "lucia.fernandez@upe.example" },
    weight: 2,
    favours: [5, 6],
  },
  {
    key: "LIT",
    name: "Lakeside Institute of Technology",
    country: "Nigeria",
    memberType: "academia",
    delegate: { name: "Chinedu Okafor", email: "chinedu.okafor@lakeside-tech.example", phone: "+234 1 270 0000", contactEmail: "chinedu.okafor@lakeside-tech.example" },
    weight: 2,
    favours: [2, 5],
  },
  {
    key: "CMA",
    name: "CityMetrics Analytics GmbH",
    country: "Germany",
    memberType: "associate",
    delegate: { name: "Jonas Weber", email: "jonas.weber@citymetrics.example", phone: "+49 30 0000 0000", contactEmail: "jonas.weber@citymetrics.example" },
    weight: 2,
    favours: [7, 4],
  },
];

/** The Associate of SG17 from db/seed.ts: it tries, and is refused. */
export const SG17_ASSOCIATE = "delegate@associate-sg17.example";
export const SECRETARIAT = "tsb.sg20@secretariat.example";
export const RAPPORTEUR_Q3 = "rapporteur.q3@sg20.example";
export const RAPPORTEUR_Q6 = "rapporteur.q6@sg20.example";

/** Rapporteurs of the other Questions, made by the secretariat (Q3 and Q6 come from db/seed.ts). */
export const NEW_RAPPORTEURS: Array<{ question: number; name: string; email: string }> = [
  { question: 1, name: "Hiroshi Sato (Rapporteur Q1/20)", email: "rapporteur.q1@sg20.example" },
  { question: 2, name: "Elena Novak (Rapporteur Q2/20)", email: "rapporteur.q2@sg20.example" },
  { question: 4, name: "Ahmed Benali (Rapporteur Q4/20)", email: "rapporteur.q4@sg20.example" },
  { question: 5, name: "Grace Mensah (Rapporteur Q5/20)", email: "rapporteur.q5@sg20.example" },
  { question: 7, name: "Sergio Alvarez (Rapporteur Q7/20)", email: "rapporteur.q7@sg20.example" },
];

export type Topic = { subject: string; draft: string; keywords: string; detail: string };

/** Per Question, the subjects that contributions are about: a noun phrase, the draft's name, keywords, one sentence of substance. */
export const TOPICS: Record<number, Topic[]> = {
  1: [
    { subject: "edge computing requirements for IoT services", draft: "Y.IoT-EC-reqts", keywords: "edge computing; latency; IoT", detail: "It identifies where processing must move close to the devices so that latency-sensitive services keep working when the backhaul is congested." },
    { subject: "an interoperability framework for heterogeneous IoT networks", draft: "Y.IoT-Interop-fw", keywords: "interoperability; gateways; data models", detail: "The framework maps device data models of three widely deployed protocol families onto a common information model." },
    { subject: "big data exchange between smart city platforms", draft: "Y.SCC-BDX", keywords: "big data; data exchange; city platforms", detail: "It specifies the metadata that two city platforms must share before bulk data sets can be exchanged and re-used." },
    { subject: "integration of low-power wide-area networks in IoT infrastructures", draft: "Y.IoT-LPWAN-int", keywords: "LPWAN; infrastructure; coverage", detail: "Field measurements show that a shared LPWAN core can serve metering, parking and waste sensors without separate networks." },
    { subject: "data quality metrics for IoT big data", draft: "Y.IoT-BD-DQ", keywords: "data quality; metrics; big data", detail: "Completeness, timeliness and plausibility are defined per sensor stream, with a method to aggregate them per data set." },
    { subject: "network slicing support for IoT services", draft: "Y.IoT-NS", keywords: "network slicing; QoS; IMT-2020", detail: "It describes how an IoT service provider requests a slice with guaranteed uplink capacity for massive sensor traffic." },
    { subject: "multi-protocol capabilities of IoT gateways", draft: "Y.IoT-GW-cap", keywords: "gateway; protocols; translation", detail: "A gateway capability profile lets a city procure gateways that translate between field-bus and IP-based protocols." },
    { subject: "time synchronisation in distributed IoT infrastructures", draft: "Y.IoT-TS", keywords: "time synchronisation; timestamps; accuracy", detail: "It sets accuracy classes for device timestamps so that events from different sensors can be correlated reliably." },
  ],
  2: [
    { subject: "requirements of IoT services for smart agriculture", draft: "Y.IoT-Agri-reqts", keywords: "smart agriculture; sensors; irrigation", detail: "Soil moisture, weather and crop data are combined to schedule irrigation, with requirements for rural connectivity." },
    { subject: "use cases of IoT for healthcare at home", draft: "Y.Sup.IoT-Health", keywords: "e-health; home care; wearables", detail: "Six use cases cover remote monitoring of chronic patients, with their requirements on reliability and consent." },
    { subject: "capabilities of unmanned aerial vehicles as IoT devices", draft: "Y.UAV-cap", keywords: "UAV; drones; IoT devices", detail: "It lists the capabilities a drone needs to act as a mobile IoT device, from positioning to payload data reporting." },
    { subject: "requirements of digital twin systems for smart manufacturing", draft: "Y.DT-SM-reqts", keywords: "digital twin; manufacturing; synchronisation", detail: "Requirements cover the synchronisation between a production line and its digital twin, and the twin's life cycle." },
    { subject: "requirements of IoT-based smart water management", draft: "Y.SWM-reqts", keywords: "water management; leakage; metering", detail: "Leak detection and smart metering are addressed together, with requirements on data retention and alarms." },
    { subject: "use cases of IoT for disaster early warning", draft: "Y.Sup.IoT-DEW", keywords: "early warning; disasters; public alerting", detail: "Flood and landslide sensors feed an early warning service whose alerts must reach the population within minutes." },
    { subject: "requirements for connected vehicle data services in cities", draft: "Y.CV-reqts", keywords: "connected vehicles; traffic; data services", detail: "Vehicle data is used for traffic management while the requirements keep the identity of drivers protected." },
    { subject: "IoT capabilities for smart ports and logistics", draft: "Y.IoT-Port", keywords: "smart port; logistics; container tracking", detail: "Container tracking, crane monitoring and truck scheduling share one capability framework." },
  ],
  3: [
    { subject: "a reference architecture of IoT-based smart parking", draft: "Y.SCC-Parking-arch", keywords: "smart parking; architecture; occupancy", detail: "The functional entities of occupancy sensing, guidance and payment are separated, with their reference points." },
    { subject: "a functional architecture for the federation of city digital twins", draft: "Y.DTF-arch", keywords: "digital twin; federation; architecture", detail: "Twins of buildings, networks and transport are federated through a broker that keeps each owner in control of its data." },
    { subject: "a QoS assurance framework for IoT services", draft: "Y.IoT-QoS-fw", keywords: "QoS; assurance; monitoring", detail: "End-to-end QoS parameters are measured at the device, the network and the platform, and reported to the service provider." },
    { subject: "management of IoT devices over constrained networks", draft: "Y.IoT-DM", keywords: "device management; constrained networks; configuration", detail: "It keeps management traffic below one per cent of the capacity of a constrained network while devices stay configurable." },
    { subject: "a protocol profile for firmware updates of constrained IoT devices", draft: "Y.IoT-FOTA", keywords: "firmware update; FOTA; constrained devices", detail: "Updates are split into signed fragments so that a device with 64 kB of RAM can verify and install them." },
    { subject: "the architecture of a city information model platform", draft: "Y.CIM-arch", keywords: "city information model; BIM; GIS", detail: "Building information models and geographic data are combined in layers served through open interfaces." },
    { subject: "service orchestration across the IoT edge-cloud continuum", draft: "Y.IoT-ECC-orch", keywords: "orchestration; edge; cloud", detail: "An orchestrator places service components on edge nodes or in the cloud according to latency and energy budgets." },
    { subject: "a framework for self-organising networks of IoT devices", draft: "Y.IoT-SON", keywords: "self-organisation; mesh; resilience", detail: "Devices re-form their mesh after failures without operator action, within bounds the operator sets." },
    { subject: "fault management of smart street lighting", draft: "Y.SSL-FM", keywords: "street lighting; fault management; monitoring", detail: "Luminaire faults are detected from power readings and reported with their location to the maintenance system." },
  ],
  4: [
    { subject: "open data platform services for smart cities", draft: "Y.SCC-ODP", keywords: "open data; platform; APIs", detail: "A catalogue of city data sets with licences, update rates and APIs lets third parties build services on them." },
    { subject: "a smart tourism service platform", draft: "Y.SCC-Tourism", keywords: "tourism; services; visitor flows", detail: "Visitor flow data from transport and venues is used to spread tourists across the city and its seasons." },
    { subject: "a framework of smart education services in cities", draft: "Y.SCC-Edu", keywords: "education; e-learning; city services", detail: "Schools, libraries and museums share a service framework for learning resources and connected classrooms." },
    { subject: "integration of e-government services on city platforms", draft: "Y.SCC-eGov", keywords: "e-government; integration; one-stop shop", detail: "Municipal and national services are offered through one citizen account with a common consent model." },
    { subject: "smart energy management services for public buildings", draft: "Y.SEM-PB", keywords: "energy management; public buildings; efficiency", detail: "Metering and building automation data are used to cut the energy use of schools and offices by a measured margin." },
    { subject: "requirements of mobility-as-a-service platforms", draft: "Y.MaaS", keywords: "MaaS; mobility; ticketing", detail: "Journey planning, booking and payment across operators are combined in one service with fair data access rules." },
    { subject: "citizen engagement services on smart city platforms", draft: "Y.SCC-CE", keywords: "citizen engagement; participation; feedback", detail: "Residents report issues and take part in consultations, and the platform tracks how each report was handled." },
    { subject: "smart waste collection services", draft: "Y.SWC", keywords: "waste collection; fill-level sensors; routing", detail: "Fill-level sensors in containers let collection routes be planned daily, saving fuel and crew time." },
  ],
  5: [
    { subject: "terms and definitions for digital twins of cities", draft: "Y.SCC-DT-terms", keywords: "terminology; digital twin; definitions", detail: "Twelve terms are proposed, each checked against the ITU-T terms and definitions database to avoid conflicts." },
    { subject: "artificial intelligence in IoT systems: emerging trends", draft: "Y.Sup.AIoT", keywords: "artificial intelligence; machine learning; IoT", detail: "It surveys on-device inference, federated learning and their implications for IoT architectures." },
    { subject: "blockchain-based data sharing for the IoT", draft: "TR.BC-IoT", keywords: "blockchain; distributed ledger; data sharing", detail: "Permissioned ledgers are compared for recording data-sharing agreements between IoT data providers and users." },
    { subject: "quantum-safe cryptography for long-lived IoT deployments", draft: "TR.QS-IoT", keywords: "quantum-safe; cryptography; long-lived devices", detail: "Devices installed today may still run in 2040; the report discusses how to keep their security agile." },
    { subject: "a vocabulary for smart sustainable cities", draft: "Y.SSC-Vocab", keywords: "vocabulary; smart sustainable cities; terms", detail: "It aligns the vocabulary of the U4SSC deliverables with the definitions already agreed in ITU-T Recommendations." },
    { subject: "virtual city environments: research directions", draft: "TR.VCE", keywords: "virtual worlds; immersive services; cities", detail: "Immersive city models raise questions of data ownership, accessibility and network capacity that are listed for study." },
    { subject: "energy harvesting for battery-less IoT devices", draft: "TR.EH-IoT", keywords: "energy harvesting; battery-less; sensors", detail: "Solar, vibration and RF harvesting are compared for sensors that must run for ten years without maintenance." },
  ],
  6: [
    { subject: "security requirements for IoT gateways in smart buildings", draft: "Y.IoT-GW-sec", keywords: "security; gateways; smart buildings", detail: "Gateways are the boundary between building networks and the Internet; the requirements cover hardening and monitoring." },
    { subject: "protection of personal data on smart city platforms", draft: "Y.SCC-PP", keywords: "privacy; personal data; consent", detail: "It applies data minimisation and purpose limitation to the platform's data flows, with a consent record per citizen." },
    { subject: "trust evaluation of IoT services", draft: "Y.IoT-Trust-eval", keywords: "trust; evaluation; reputation", detail: "A trust index combines device integrity, provider reputation and observed behaviour into a score per service." },
    { subject: "an identification scheme for IoT devices in city infrastructures", draft: "Y.IoT-ID", keywords: "identification; identifiers; registry", detail: "Device identifiers are registered per city with a resolution service that works across operators." },
    { subject: "a security framework for digital twin systems", draft: "Y.DT-Sec", keywords: "security; digital twin; integrity", detail: "Threats to the link between a physical asset and its twin are analysed, with countermeasures for each." },
    { subject: "anonymisation of mobility data in smart cities", draft: "Y.SCC-Anon", keywords: "anonymisation; mobility data; re-identification", detail: "Trajectory data is aggregated and perturbed so that the risk of re-identification stays below a stated threshold." },
    { subject: "access control for shared IoT sensing infrastructures", draft: "Y.IoT-AC", keywords: "access control; shared infrastructure; authorisation", detail: "Several tenants share poles and sensors; attribute-based access control keeps each tenant's data separate." },
    { subject: "security of the firmware supply chain of IoT devices", draft: "Y.IoT-SSC", keywords: "supply chain; firmware; signing", detail: "Every firmware image carries a signed bill of materials that the device and the operator can verify." },
  ],
  7: [
    { subject: "collection of data for the KPIs of smart sustainable cities", draft: "Y.SSC-KPI-DC", keywords: "KPI; data collection; U4SSC", detail: "A data collection guide explains, indicator by indicator, which city department holds the data and how to check it." },
    { subject: "assessment of the circular economy in cities", draft: "Y.SSC-CE", keywords: "circular economy; assessment; indicators", detail: "Material flow indicators are proposed so that a city can measure how much of its waste returns into use." },
    { subject: "evaluation of city resilience to climate change", draft: "Y.SSC-Res", keywords: "resilience; climate change; evaluation", detail: "Heat waves and floods are used as scenarios to evaluate how quickly city services recover." },
    { subject: "key performance indicators for smart public transport", draft: "Y.SSC-PT-KPI", keywords: "public transport; KPI; accessibility", detail: "Punctuality, accessibility and emissions per passenger-kilometre are defined with their measurement methods." },
    { subject: "a self-assessment methodology for smart sustainable cities", draft: "Y.SSC-SAM", keywords: "self-assessment; methodology; cities", detail: "Smaller cities can assess themselves in three months with the proposed steps, templates and peer review." },
    { subject: "measuring the digital inclusion of citizens", draft: "Y.SSC-DI", keywords: "digital inclusion; skills; access", detail: "Indicators cover access, affordability and skills, broken down by age and gender where the data allows." },
    { subject: "the U4SSC KPI evaluation of a coastal city", draft: "Y.4903-eval", keywords: "U4SSC; KPI; evaluation", detail: "All 91 indicators were collected; the city scored best on ICT infrastructure and worst on water reuse." },
  ],
};

export type Pattern = "newWorkItem" | "modify" | "comments" | "text" | "pilot" | "techReport" | "liaison";

/** How often each kind of contribution occurs, and its purpose on the cover page. */
export const PATTERNS: Array<{ pattern: Pattern; weight: number; purpose: "Proposal" | "Information" | "Discussion" | "Decision" }> = [
  { pattern: "modify", weight: 6, purpose: "Proposal" },
  { pattern: "text", weight: 4, purpose: "Proposal" },
  { pattern: "newWorkItem", weight: 3, purpose: "Proposal" },
  { pattern: "comments", weight: 3, purpose: "Discussion" },
  { pattern: "pilot", weight: 2, purpose: "Information" },
  { pattern: "techReport", weight: 1, purpose: "Proposal" },
  { pattern: "liaison", weight: 1, purpose: "Decision" },
];

export const CITIES = ["Shenzhen", "Busan", "Kazan", "Cairo", "Abidjan", "Dubai", "Pune", "Curitiba", "Valencia", "Lyon", "Lagos", "Hamburg", "Geneva"];
export const LIAISON_TO = ["ITU-T SG13", "ITU-T SG17", "ITU-T SG5", "ITU-T SG16", "ISO/IEC JTC 1/SC 41", "oneM2M", "IEC SyC Smart Cities", "ETSI TC SmartM2M"];

/** Questions often addressed together (a second Question for multi-Question contributions). */
export const RELATED: Record<number, number[]> = { 1: [3, 2], 2: [3, 4], 3: [1, 6], 4: [7, 2], 5: [6, 1], 6: [3, 5], 7: [4] };

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The title and the abstract of a contribution of this pattern on this topic. */
export function writeContribution(pattern: Pattern, topic: Topic, question: string, extra: { city: string; liaisonTo: string }): { title: string; abstract: string } {
  const s = topic.subject;
  switch (pattern) {
    case "newWorkItem":
      return {
        title: `Proposal for a new work item ${topic.draft}: ${capitalise(s)}`,
        abstract: `This contribution proposes to start a new work item, draft Recommendation ITU-T ${topic.draft}, on ${s} under ${question}. ${topic.detail} A draft scope, a time plan and an initial table of contents are given in the annex.`,
      };
    case "modify":
      return {
        title: `Proposed modifications to draft Recommendation ITU-T ${topic.draft} (${s})`,
        abstract: `This contribution proposes modifications to the latest draft of ITU-T ${topic.draft}, on ${s}, as output by the previous meeting. ${topic.detail} The changes are shown with revision marks against the previous output.`,
      };
    case "comments":
      return {
        title: `Comments on the current draft of ITU-T ${topic.draft} on ${s}`,
        abstract: `This contribution comments on the current draft of ITU-T ${topic.draft} and lists the issues to be resolved before it can be considered for consent. ${topic.detail} ${question} is invited to discuss the issues raised.`,
      };
    case "text":
      return {
        title: `Proposed text for the requirements clause of ITU-T ${topic.draft}: ${s}`,
        abstract: `This contribution proposes text for the scope, the requirements and the reference points of draft Recommendation ITU-T ${topic.draft}. ${topic.detail} The meeting is invited to include the proposed text in the next draft.`,
      };
    case "pilot":
      return {
        title: `${capitalise(s)}: results of a pilot in ${extra.city}`,
        abstract: `This contribution reports the results of a twelve-month pilot in ${extra.city} on ${s}. ${topic.detail} It is provided for information and may serve as input to ${question}.`,
      };
    case "techReport":
      return {
        title: `Proposal for a new Technical Report on ${s}`,
        abstract: `This contribution proposes to develop a Technical Report on ${s} under ${question}. ${topic.detail} An outline and a list of possible contributors are given.`,
      };
    case "liaison":
      return {
        title: `Draft liaison statement to ${extra.liaisonTo} on ${s}`,
        abstract: `This contribution proposes a draft liaison statement to ${extra.liaisonTo} informing it of the progress of ITU-T ${topic.draft} on ${s} and asking for its comments. ${topic.detail} The meeting is invited to approve the liaison statement.`,
      };
  }
}

/** The body of the document after its cover page. */
export function bodyParagraphs(abstract: string, topic: Topic, question: string): string[] {
  return [
    "1 Introduction",
    abstract,
    "2 Discussion",
    `${topic.detail} The text below takes into account the discussion at the last meeting of ${question} and the comments received by correspondence.`,
    "3 Proposal",
    `It is proposed to reflect the points above in the next draft of ${topic.draft}, and to invite further contributions on ${topic.subject}.`,
    "(Demo data: an invented document made for the demonstration of the contribution tracker.)",
  ];
}

/** Rapporteurs' remarks: `shared` ones are shown to the submitter. "{q}" is the Question. */
export const COMMENTS: Array<{ body: string; shared: boolean; clarify?: boolean }> = [
  { body: "Thank you. Please add a reference to ITU-T Y.4000 for the definition of an IoT device.", shared: true },
  { body: "The proposed requirements overlap with clause 7 of the current draft; to be discussed with the editors at the {q} session.", shared: false },
  { body: "Could the contributor clarify whether the use case assumes licensed spectrum? The answer changes the requirements in clause 6.", shared: true, clarify: true },
  { body: "Candidate for agreement at the {q} rapporteur group meeting.", shared: false },
  { body: "Editors: please merge this with the output text of the previous meeting before the session.", shared: false },
  { body: "The figure in clause 5 cannot be read in the Word file; please provide it in an editable format.", shared: true, clarify: true },
  { body: "Related to the liaison statement received from SG13; consider a joint session of {q} with WP2/20.", shared: false },
  { body: "Please check the numbering of the requirements: R-12 to R-15 appear twice.", shared: true },
];

/** Why the two demo withdrawals happened. */
export const WITHDRAWAL_REASONS = [
  "Merged into a joint contribution of several members on the same draft; please consider the joint contribution instead.",
  "Submitted to the wrong study group: the text concerns IMT-2020 network capabilities and has been resubmitted to ITU-T SG13.",
];
