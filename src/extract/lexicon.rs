//! Word lists the extractor consults: embedded data files (names, places, common words,
//! outlets; see `data/PROVENANCE.md`) and the small hand-made vocabularies of news prose
//! (organization head words, company suffixes, titles, speech verbs).
//!
//! Everything is built once, on first use, and shared read-only between threads.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// Embedded lists, loaded once.
pub struct Lexicon {
    given_names: FxHashSet<&'static str>,
    surnames: FxHashSet<&'static str>,
    places: FxHashSet<&'static str>,
    demonyms: FxHashSet<&'static str>,
    common: FxHashSet<&'static str>,
    dictionary: FxHashSet<&'static str>,
    outlets: FxHashSet<&'static str>,
}

fn lines(data: &'static str) -> FxHashSet<&'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The shared lexicon.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut outlets = lines(include_str!("data/outlets.txt"));
        outlets.extend(NEWS_AGENCIES);
        Lexicon {
            given_names: lines(include_str!("data/given_names.txt")),
            surnames: lines(include_str!("data/surnames.txt")),
            places: lines(include_str!("data/places.txt")),
            demonyms: lines(include_str!("data/demonyms.txt")),
            common: lines(include_str!("data/common_words.txt")),
            dictionary: lines(include_str!("data/dictionary.txt")),
            outlets,
        }
    })
}

impl Lexicon {
    /// A given name as written ("Max", "Zoë").
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(word)
    }
    /// A surname as written.
    pub fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(word)
    }
    /// A country, capital, alias, US state or large city, as written ("United States").
    pub fn is_place(&self, name: &str) -> bool {
        self.places.contains(name) || CONTINENTS_AND_REGIONS.contains(&name)
    }
    /// A nationality noun or adjective ("Chinese", "Britons").
    pub fn is_demonym(&self, word: &str) -> bool {
        self.demonyms.contains(word)
    }
    /// A common lowercase English word; `lower` must already be lowercase.
    pub fn is_common(&self, lower: &str) -> bool {
        self.common.contains(lower)
    }
    /// Any lowercase dictionary word, rare ones included ("skeptics"); `lower` must
    /// already be lowercase.
    pub fn is_dictionary_word(&self, lower: &str) -> bool {
        self.dictionary.contains(lower) || self.common.contains(lower)
    }
    /// A news outlet or agency ("Reuters", "Xinhua", "Associated Press").
    pub fn is_outlet(&self, name: &str) -> bool {
        self.outlets.contains(name)
    }
}

/// Wire agencies missing from the outlet list.
const NEWS_AGENCIES: &[&str] = &[
    "AFP", "AP", "ANSA", "Agence France-Presse", "Antara", "Bernama", "Bloomberg", "Dow Jones",
    "EFE", "Interfax", "IRNA", "Itar-Tass", "Kyodo", "MENA", "PTI", "Press Association", "RIA",
    "RIA Novosti", "TASS", "Tass", "UPI", "Xinhua", "Yonhap", "dpa", "Jiji",
];

const CONTINENTS_AND_REGIONS: &[&str] = &[
    "Africa", "Asia", "Europe", "Antarctica", "Oceania", "North America", "South America",
    "Latin America", "Central America", "Middle East", "Far East", "Gulf", "Caribbean",
    "Balkans", "Scandinavia", "Siberia", "Baltic", "Pacific", "Atlantic", "Mediterranean",
    "West", "East", "North", "South", "Midwest", "Arctic", "Sahara", "Persian Gulf",
    "West Bank", "Gaza", "Kashmir", "Tibet", "Xinjiang", "Hong Kong", "Silicon Valley",
    "Wall Street", "Downing Street", "Whitehall", "Westminster", "Capitol Hill",
];

/// Last words that make a name a company ("Alcoa Inc", "SolarWorld AG").
pub const COMPANY_SUFFIXES: &[&str] = &[
    "Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "Limited", "plc", "Plc", "PLC",
    "AG", "SA", "S.A.", "GmbH", "LLC", "LLP", "LP", "NV", "N.V.", "BV", "SpA", "S.p.A.", "AB",
    "ASA", "Oyj", "KK", "Bhd", "Pty", "SE", "Cos", "Incorporated", "Corporation", "Holdings",
    "Group", "& Co", "Company",
];

/// Head words of organization names ("State Department", "Renmin University").
pub const ORG_HEADS: &[&str] = &[
    "Academy", "Administration", "Agency", "Airlines", "Airways", "Alliance", "Army",
    "Assembly", "Association", "Authority", "Bank", "Board", "Bureau", "Cabinet", "Center",
    "Centre", "Chamber", "Church", "Club", "Coalition", "College", "Command", "Commission",
    "Committee", "Communications", "Company", "Conference", "Congress", "Corporation",
    "Council", "Court", "Department", "Directorate", "Embassy", "Energy", "Enterprises",
    "Exchange", "Federation", "Force", "Forces", "Foundation", "Front", "Fund", "Group",
    "Guard", "Holdings", "Hospital", "House", "Industries", "Institute", "Institution",
    "Insurance", "International", "Investments", "League", "Laboratories", "Labs", "Media",
    "Ministry", "Motors", "Movement", "Museum", "Navy", "Network", "Office", "Organisation",
    "Organization", "Parliament", "Partners", "Party", "Petroleum", "Pharmaceuticals",
    "Police", "Press", "Programme", "Railways", "Records", "Reserve", "School", "Secretariat",
    "Securities", "Senate", "Service", "Services", "Society", "Studios", "Systems", "Team",
    "Technologies", "Telecom", "Telecommunications", "Trust", "Tribunal", "Union",
    "University", "Unit", "Times", "Post", "News", "Herald", "Tribune", "Journal",
    "Gazette", "Electric", "Steel", "Motor", "Oil", "Chemical", "Chemicals", "Foods",
    "Airport", "Brigade", "Corps", "Panel", "Caucus", "Institutes", "Stores", "Bancorp",
];

/// Titles and honorifics that precede a person's name; stripped from the name and taken
/// as evidence that a person follows.
pub const TITLES: &[&str] = &[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof", "Prof.", "Professor",
    "Sir", "Dame", "Lady", "Rev", "Rev.", "Reverend", "Father", "Sister", "Brother", "President",
    "Vice", "Prime", "Minister", "Secretary", "Ambassador", "Chancellor", "Senator", "Sen.",
    "Rep.", "Representative", "Congressman", "Congresswoman", "Governor", "Gov.", "Mayor",
    "Judge", "Justice", "General", "Gen.", "Colonel", "Col.", "Captain", "Capt.", "Lt.",
    "Lieutenant", "Major", "Sergeant", "Sgt.", "Admiral", "Adm.", "Commander", "Chairman",
    "Chairwoman", "Chair", "Chief", "Executive", "Director", "Spokesman", "Spokeswoman",
    "Spokesperson", "Assistant", "Deputy", "Foreign", "Finance", "Defence", "Defense",
    "Interior", "Home", "Trade", "Health", "Education", "Energy", "Culture", "Sports",
    "Treasury", "State", "Attorney", "Solicitor", "Chief Executive", "King", "Queen",
    "Prince", "Princess", "Pope", "Cardinal", "Bishop", "Archbishop", "Rabbi", "Imam",
    "Sheikh", "Coach", "Manager", "Striker", "Midfielder", "Defender", "Goalkeeper",
    "Superintendent", "Inspector", "Detective", "Officer", "Constable", "Speaker", "Leader",
    "Premier", "Envoy", "Commissioner", "Economist", "Analyst", "Counsel", "Founder",
    "CEO", "Chief Financial Officer", "Emeritus", "Dean", "Principal", "Auditor",
    "Federal", "Former", "Acting", "Opposition", "Labour", "Conservative", "Democratic",
    "Republican", "Tory", "Liberal", "Shadow", "Junior", "Senior", "U.S.", "US", "UK",
    "European", "Trade Secretary", "Sen", "Rep", "Lord",
];

/// Verbs that report speech. Their past, present and participle forms are listed.
pub const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "warned", "warns", "argued", "argues",
    "noted", "notes", "explained", "explains", "insisted", "insists", "asked", "asks",
    "stated", "states", "claimed", "claims", "announced", "announces", "declared", "declares",
    "stressed", "stresses", "urged", "urges", "admitted", "admits", "conceded", "concedes",
    "predicted", "predicts", "replied", "replies", "responded", "responds", "commented",
    "comments", "wrote", "writes", "continued", "continues", "acknowledged", "acknowledges",
    "suggested", "suggests", "confirmed", "confirms", "denied", "denies", "estimated",
    "estimates", "forecast", "forecasts", "reported", "reports", "believes", "believed",
    "maintained", "maintains", "countered", "counters", "recalled", "recalls", "cautioned",
    "cautions", "observed", "observes", "pointed", "emphasised", "emphasized", "complained",
    "complains", "revealed", "reveals", "agreed", "agrees", "disclosed", "discloses",
    "remarked", "remarks", "contended", "contends", "alleged", "alleges", "promised",
    "promises", "vowed", "vows", "pledged", "pledges", "threatened", "threatens", "conceded",
    "quoted", "saying", "telling", "adding", "warning", "arguing", "noting", "explaining", "insisting",
    "asking", "claiming", "announcing", "declaring", "stressing", "urging", "admitting",
    "predicting", "replying", "responding", "commenting", "writing", "acknowledging",
    "suggesting", "confirming", "denying", "describing", "described", "describes", "called",
    "calling", "calls", "protested", "protests", "accused", "accuses", "accusing",
];

/// Months, weekdays and other capitalised words that are never names.
pub const NEVER_NAMES: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Jan.", "Feb", "Feb.", "Mar", "Mar.", "Apr",
    "Apr.", "Jun", "Jun.", "Jul", "Jul.", "Aug", "Aug.", "Sep", "Sep.", "Sept", "Sept.",
    "Oct", "Oct.", "Nov", "Nov.", "Dec", "Dec.", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "Christmas", "Easter", "Ramadan", "Eid",
    "He", "She", "It", "They", "We", "You", "His", "Her", "Its", "Their", "Our", "This", "That",
    "These", "Those", "There", "Here", "GMT", "BST", "EST", "EDT", "CET", "I", "OK", "TV", "AM", "PM", "Internet", "Web",
    "Mrs", "Mr", "Ms", "Dr", "No", "Yes", "Q1", "Q2", "Q3", "Q4", "English", "God",
    // Acronyms that name things, not organizations.
    "IP", "PC", "PCs", "GDP", "HIV", "AIDS", "Aids", "DNA", "CD", "CDs", "DVD", "DVDs", "MP",
    "MPs", "MEP", "MEPs", "MP3", "SMS", "GPS", "USB", "PIN", "VAT", "ID", "CEO", "CFO", "IT",
    "AI", "3G", "4G", "5G", "LCD", "RAM", "CPU", "PDF", "URL", "HTML", "WiFi", "Wi-Fi", "LNG",
    "FM", "ET", "MBA", "PhD", "SARS", "Sars", "BSE", "CO2", "HD", "PS2", "PS3", "PSP", "RSS",
    "VoIP", "DSL", "ADSL", "ISP", "ISPs", "SUV", "SUVs", "IPO", "M&A", "Q&A", "FAQ", "UFO",
    "TNT", "WMD", "ASBO", "Asbo", "NHS-funded", "OBE", "MBE", "CBE", "QC", "DJ", "DJs", "CEOs",
];
