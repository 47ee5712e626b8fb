//! Word lists the extractor consults: embedded data files (names, places, common words,
//! outlets; see `data/PROVENANCE.md`) and the small hand-made vocabularies of news prose
//! (organization head words, company suffixes, titles, speech verbs).
//!
//! Everything is built once, on first use, and shared read-only between threads.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// A fixed list of words with constant-time lookup, built on first use.
pub struct WordSet {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
    firsts: OnceLock<FxHashSet<&'static str>>,
}

impl WordSet {
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            set: OnceLock::new(),
            firsts: OnceLock::new(),
        }
    }

    /// The words of the list.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Whether `word` is in the list, exactly as written.
    pub fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }

    /// Whether some entry starts with the word `word` ("Liberal" of "Liberal Democrats").
    pub fn starts(&self, word: &str) -> bool {
        self.firsts
            .get_or_init(|| {
                self.words
                    .iter()
                    .filter_map(|w| w.split(' ').next())
                    .collect()
            })
            .contains(word)
    }
}

/// Flags of [`Lexicon::flags`]: which lists a word (as written) is in.
pub const GIVEN: u16 = 1;
pub const SURNAME: u16 = 2;
pub const PLACE: u16 = 4;
pub const DEMONYM: u16 = 8;
pub const ORG_HEAD: u16 = 16;
pub const SUFFIX: u16 = 32;
pub const TITLE: u16 = 64;
/// Set by callers for common lowercase words.
pub const COMMON: u16 = 128;
pub const OUTLET: u16 = 256;
pub const PLACE_HEAD: u16 = 512;
pub const EVENT_HEAD: u16 = 1024;

/// The embedded data files, by name.
const DATA_FILES: [&str; 7] = [
    include_str!("data/outlets.txt"),
    include_str!("data/given_names.txt"),
    include_str!("data/surnames.txt"),
    include_str!("data/places.txt"),
    include_str!("data/demonyms.txt"),
    include_str!("data/common_words.txt"),
    include_str!("data/dictionary.txt"),
];

/// A digest of every list the name model's features read: a model trained before a
/// list changed is refused rather than misread (see `names::features::fingerprint`).
pub fn digest() -> u64 {
    let mut all = String::new();
    for data in DATA_FILES {
        all.push_str(data);
        all.push('\u{1}');
    }
    for set in [
        &ORG_HEADS,
        &COMPANY_SUFFIXES,
        &TITLES,
        &SPEECH_VERBS,
        &CALENDAR,
        &NAME_CONNECTORS,
        &PLACE_HEADS,
        &EVENT_HEADS,
    ] {
        all.push_str(&set.words.join("\n"));
        all.push('\u{1}');
    }
    for list in [NEWS_AGENCIES, SUBDIVISIONS, CONTINENTS_AND_REGIONS] {
        all.push_str(&list.join("\n"));
        all.push('\u{1}');
    }
    xxhash_rust::xxh3::xxh3_64(all.as_bytes())
}

/// Honorifics that only ever stand before a person's name.
pub static PERSONAL_HONORIFICS: WordSet = WordSet::new(&[
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Mx", "Mx.", "Dr", "Dr.", "Messrs", "Messrs.",
    "Mme", "Mme.", "Mlle", "Mlle.",
]);

/// Letters after a person's name for an honour or a rank at the bar ("Guy Roe QC", "Ann
/// Lee OBE"): no part of the name, and the name is a person's. Mentions only; not a
/// feature of the name model.
pub static HONOURS_AFTER_NAMES: WordSet =
    WordSet::new(&["QC", "KC", "OBE", "MBE", "CBE", "KBE", "DBE", "GBE", "FRS"]);

/// Letters after a name for a seat in a parliament ("Tom Ray MSP", "a Plaid Cymru MP"):
/// no part of the name, which may be a person's or a party's. Mentions only.
pub static SEATS_AFTER_NAMES: WordSet = WordSet::new(&["MP", "MEP", "MSP", "MLA"]);

/// Prefixes a writer joins to a name with a hyphen ("non-OPEC", "ex-Yukos", "pro-Peking"):
/// no part of the name. Mentions only; not a feature of the name model.
pub static PREFIXES_BEFORE_NAMES: WordSet = WordSet::new(&[
    "non", "ex", "pro", "anti", "pre", "post", "mid", "neo", "then",
]);

/// Months and days of the week, lowercase.
pub static CALENDAR: WordSet = WordSet::new(&[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]);

/// Currency units, lowercase, as news writes amounts ("7.15 billion N.Z. dlrs", "40 mln
/// Swiss francs"). Mentions only; not a feature of the name model.
pub static CURRENCY_UNITS: WordSet = WordSet::new(&[
    "dlrs",
    "dlr",
    "dollars",
    "dollar",
    "cts",
    "cents",
    "yen",
    "francs",
    "marks",
    "pounds",
    "stg",
    "sterling",
    "lire",
    "lira",
    "pesos",
    "rand",
    "crowns",
    "guilders",
    "riyals",
    "rupees",
    "dinars",
    "kronor",
    "kroner",
    "krona",
    "markka",
    "schillings",
    "escudos",
    "pesetas",
    "baht",
    "ringgit",
    "won",
    "yuan",
    "roubles",
    "rubles",
    "shekels",
    "euros",
]);

/// Holidays and feasts, as written: days of the year, not people or bodies ("over
/// Easter", "before Christmas"). Mentions only; not a feature of the name model.
pub static HOLIDAYS: WordSet = WordSet::new(&[
    "Easter",
    "Christmas",
    "Ramadan",
    "Thanksgiving",
    "Hanukkah",
    "Passover",
    "Diwali",
    "Eid",
    "Halloween",
    "Lent",
    "Yom Kippur",
    "Hogmanay",
    "Whitsun",
    "Pentecost",
]);

/// Words for storms, lowercase: the name after one is a storm's ("Hurricane Ivan",
/// "tropical storm Jeanne"), no person. Mentions only; not a feature of the name model.
pub static STORM_WORDS: WordSet = WordSet::new(&["hurricane", "typhoon", "cyclone", "storm"]);

/// What a news agency's staff credit line names its people for, lowercase: the line
/// opens with one of these and "by" ("(Reporting by Ann Lee in Oslo; Editing by Tom
/// Ray)"). Mentions only; not a feature of the name model.
pub static STAFF_ROLES: WordSet = WordSet::new(&[
    "reporting",
    "writing",
    "editing",
    "edited",
    "written",
    "compiled",
    "compiling",
    "research",
    "translation",
    "translated",
    "photography",
    "graphics",
]);

/// Kinds of work, lowercase: a name right after one is a work's title ("the film Vera
/// Drake", "the album Hot Fuss"), no person or body. Nouns only ("play" and "show" are
/// verbs too: "play Chelsea"). Mentions only; not a feature of the name model.
pub static WORK_NOUNS: WordSet = WordSet::new(&[
    "film",
    "films",
    "movie",
    "album",
    "novel",
    "sitcom",
    "documentary",
    "musical",
    "song",
    "opera",
]);

/// Words that scale a number in an amount ("7.15 billion"), lowercase.
pub static MAGNITUDES: WordSet = WordSet::new(&[
    "thousand", "million", "mln", "billion", "bln", "trillion", "m", "bn",
]);

/// Lowercase words that join the parts of one name ("Bank of England", "Charles de
/// Gaulle", "Sears Roebuck and Co").
pub static NAME_CONNECTORS: WordSet = WordSet::new(&[
    "of", "and", "&", "the", "for", "on", "de", "du", "da", "di", "del", "della", "des", "dos",
    "das", "der", "den", "van", "von", "la", "le", "el", "al", "bin", "ben", "y", "e", "et", "und",
    "am", "zu", "upon", "at", "in",
]);

/// Embedded lists, loaded once.
pub struct Lexicon {
    flags: FxHashMap<&'static str, u16>,
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
        let [outlets, given_names, surnames, places, demonyms, common, dictionary] = DATA_FILES;
        let mut outlets = lines(outlets);
        outlets.extend(NEWS_AGENCIES);
        let given_names = lines(given_names);
        let surnames = lines(surnames);
        let mut places = lines(places);
        places.extend(SUBDIVISIONS);
        places.extend(CONTINENTS_AND_REGIONS);
        let demonyms = lines(demonyms);
        let mut flags: FxHashMap<&'static str, u16> = FxHashMap::default();
        let lists: [(&FxHashSet<&'static str>, u16); 5] = [
            (&given_names, GIVEN),
            (&surnames, SURNAME),
            (&places, PLACE),
            (&demonyms, DEMONYM),
            (&outlets, OUTLET),
        ];
        for (list, flag) in lists {
            for w in list {
                *flags.entry(w).or_default() |= flag;
            }
        }
        for (list, flag) in [
            (&ORG_HEADS, ORG_HEAD),
            (&COMPANY_SUFFIXES, SUFFIX),
            (&TITLES, TITLE),
            (&PLACE_HEADS, PLACE_HEAD),
            (&EVENT_HEADS, EVENT_HEAD),
        ] {
            for w in list.words {
                *flags.entry(w).or_default() |= flag;
            }
        }
        Lexicon {
            flags,
            given_names,
            surnames,
            places,
            demonyms,
            common: lines(common),
            dictionary: lines(dictionary),
            outlets,
        }
    })
}

impl Lexicon {
    /// The lists a word is in, as written, in one lookup (see [`GIVEN`] and the others;
    /// [`COMMON`] is never set here).
    pub fn flags(&self, word: &str) -> u16 {
        self.flags.get(word).copied().unwrap_or(0)
    }
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
        self.places.contains(name)
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
    /// [`Lexicon::is_common`] of `word` as written, lowercased first.
    pub fn is_common_lowered(&self, word: &str) -> bool {
        with_lowercase(word, |lower| self.is_common(lower))
    }
    /// [`Lexicon::is_dictionary_word`] of `word` as written, lowercased first.
    pub fn is_dictionary_word_lowered(&self, word: &str) -> bool {
        with_lowercase(word, |lower| self.is_dictionary_word(lower))
    }
}

/// Whether `word` is shaped like an acronym: 2 to 10 characters, at least two capitals,
/// nothing but letters, `&` and `.` ("CBI", "MoD", "AT&T", "U.S.").
pub fn acronym_shaped(word: &str) -> bool {
    (2..=10).contains(&word.chars().count())
        && word.chars().filter(|c| c.is_uppercase()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '&' || c == '.')
}

/// `f` of `word` lowercased. Short ASCII words, nearly all of them, are lowercased on the
/// stack: name finding checks capitalised words against lowercase lists many times per
/// paragraph, and allocating a string for each check was a measurable part of it.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const SHORT: usize = 32;
    let bytes = word.as_bytes();
    if bytes.len() <= SHORT && word.is_ascii() {
        let mut buf = [0u8; SHORT];
        let lower = &mut buf[..bytes.len()];
        lower.copy_from_slice(bytes);
        lower.make_ascii_lowercase();
        // Lowercased ASCII is still ASCII.
        return f(std::str::from_utf8(lower).unwrap_or_default());
    }
    f(&word.to_lowercase())
}

/// Wire agencies missing from the outlet list.
const NEWS_AGENCIES: &[&str] = &[
    "AFP",
    "AP",
    "ANSA",
    "Agence France-Presse",
    "Antara",
    "Bernama",
    "Bloomberg",
    "Dow Jones",
    "EFE",
    "Interfax",
    "IRNA",
    "Itar-Tass",
    "Kyodo",
    "MENA",
    "PTI",
    "Press Association",
    "RIA",
    "RIA Novosti",
    "TASS",
    "Tass",
    "UPI",
    "Xinhua",
    "Yonhap",
    "dpa",
    "Jiji",
];

/// Provinces, states, counties and regions that news names without their country: the
/// first-level divisions of Canada, Australia, India, China and Germany, and the nations,
/// regions and larger counties of the British Isles.
const SUBDIVISIONS: &[&str] = &[
    // Canada
    "Alberta",
    "British Columbia",
    "Manitoba",
    "New Brunswick",
    "Newfoundland",
    "Labrador",
    "Nova Scotia",
    "Ontario",
    "Prince Edward Island",
    "Quebec",
    "Saskatchewan",
    "Yukon",
    "Nunavut",
    "Northwest Territories",
    // Australia
    "New South Wales",
    "Queensland",
    "South Australia",
    "Tasmania",
    "Western Australia",
    "Northern Territory",
    // India
    "Andhra Pradesh",
    "Assam",
    "Bihar",
    "Gujarat",
    "Haryana",
    "Karnataka",
    "Kerala",
    "Madhya Pradesh",
    "Maharashtra",
    "Orissa",
    "Odisha",
    "Punjab",
    "Rajasthan",
    "Tamil Nadu",
    "Uttar Pradesh",
    "West Bengal",
    "Jammu",
    // China
    "Anhui",
    "Fujian",
    "Gansu",
    "Guangdong",
    "Guangxi",
    "Guizhou",
    "Hainan",
    "Hebei",
    "Heilongjiang",
    "Henan",
    "Hubei",
    "Hunan",
    "Jiangsu",
    "Jiangxi",
    "Jilin",
    "Liaoning",
    "Qinghai",
    "Shaanxi",
    "Shandong",
    "Shanxi",
    "Sichuan",
    "Yunnan",
    "Zhejiang",
    "Inner Mongolia",
    "Ningxia",
    // Germany
    "Bavaria",
    "Baden-Wuerttemberg",
    "Baden-Württemberg",
    "Brandenburg",
    "Hesse",
    "Lower Saxony",
    "Mecklenburg-Western Pomerania",
    "North Rhine-Westphalia",
    "Rhineland-Palatinate",
    "Saarland",
    "Saxony",
    "Saxony-Anhalt",
    "Schleswig-Holstein",
    "Thuringia",
    // British Isles
    "England",
    "Northern Ireland",
    "Ulster",
    "Cornwall",
    "Devon",
    "Dorset",
    "Somerset",
    "Wiltshire",
    "Hampshire",
    "Sussex",
    "East Sussex",
    "West Sussex",
    "Kent",
    "Surrey",
    "Essex",
    "Suffolk",
    "Norfolk",
    "Cambridgeshire",
    "Hertfordshire",
    "Bedfordshire",
    "Buckinghamshire",
    "Berkshire",
    "Oxfordshire",
    "Gloucestershire",
    "Herefordshire",
    "Worcestershire",
    "Warwickshire",
    "Northamptonshire",
    "Leicestershire",
    "Nottinghamshire",
    "Derbyshire",
    "Lincolnshire",
    "Staffordshire",
    "Shropshire",
    "Cheshire",
    "Lancashire",
    "Merseyside",
    "Cumbria",
    "Northumberland",
    "Durham",
    "Yorkshire",
    "North Yorkshire",
    "South Yorkshire",
    "West Yorkshire",
    "East Yorkshire",
    "Teesside",
    "Tyneside",
    "West Midlands",
    "East Midlands",
    "East Anglia",
    "Home Counties",
    "Highlands",
    "Lowlands",
    "Fife",
    "Lothian",
    "Strathclyde",
    "Ayrshire",
    "Lanarkshire",
    "Aberdeenshire",
    "Perthshire",
    "Argyll",
    "Orkney",
    "Shetland",
    "Hebrides",
    "Western Isles",
    "Borders",
    "Gwynedd",
    "Powys",
    "Pembrokeshire",
    "Anglesey",
    "Glamorgan",
    "Antrim",
    "Armagh",
    "Tyrone",
    "Fermanagh",
    "Donegal",
    "Munster",
    "Leinster",
    "Connacht",
];

const CONTINENTS_AND_REGIONS: &[&str] = &[
    "Africa",
    "Asia",
    "Europe",
    "Antarctica",
    "Oceania",
    "North America",
    "South America",
    "Latin America",
    "Central America",
    "Middle East",
    "Far East",
    "Gulf",
    "Caribbean",
    "Balkans",
    "Scandinavia",
    "Siberia",
    "Baltic",
    "Pacific",
    "Atlantic",
    "Mediterranean",
    "West",
    "East",
    "North",
    "South",
    "Midwest",
    "Arctic",
    "Sahara",
    "Persian Gulf",
    "West Bank",
    "Gaza",
    "Kashmir",
    "Tibet",
    "Xinjiang",
    "Hong Kong",
    "Silicon Valley",
    "Wall Street",
    "Downing Street",
    "Whitehall",
    "Westminster",
    "Capitol Hill",
];

/// Last words that make a name a company ("Alcoa Inc", "SolarWorld AG").
pub static COMPANY_SUFFIXES: WordSet = WordSet::new(&[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Co",
    "Co.",
    "Ltd",
    "Ltd.",
    "Limited",
    "plc",
    "Plc",
    "PLC",
    "AG",
    "SA",
    "S.A.",
    "GmbH",
    "LLC",
    "LLP",
    "LP",
    "NV",
    "N.V.",
    "BV",
    "SpA",
    "S.p.A.",
    "AB",
    "ASA",
    "Oyj",
    "KK",
    "Bhd",
    "Pty",
    "SE",
    "Cos",
    "Incorporated",
    "Corporation",
    "Holdings",
    "Group",
    "& Co",
    "Company",
]);

/// Whether a word of [`COMPANY_SUFFIXES`] is a legal form, which a company's name may be
/// written with or without ("Microsoft Corp." and "Microsoft"): all of them but
/// "Holdings" and "Group", which name another body than the name before them ("Reuters
/// Holdings", "Volkswagen Group").
pub fn is_legal_form(word: &str) -> bool {
    COMPANY_SUFFIXES.contains(word) && !matches!(word, "Holdings" | "Group")
}

/// Stock exchanges as financial news writes them before a symbol in brackets after a
/// company's name ("Acme (NYSE: ACM)", "(Nasdaq: ACMX)"). Mentions only; not a feature
/// of the name model.
pub static STOCK_EXCHANGES: WordSet = WordSet::new(&[
    "NYSE", "Nyse", "Nasdaq", "NASDAQ", "AMEX", "Amex", "LSE", "TSX", "TSE", "ASX", "OTC", "OTCBB",
    "AIM", "HKEX", "SGX", "NSE", "BSE", "JSE",
]);

/// Words that open organizations' names in languages that put a name's head first, as
/// written, with and without accents ("Banque Paribas", "Societe Generale", "Banco do
/// Brasil", "Clube Atletico Serrano"): no person's name opens with one. Mentions only;
/// not a feature of the name model.
pub static ORG_OPENERS: WordSet = WordSet::new(&[
    "Banque",
    "Banco",
    "Banca",
    "Bankhaus",
    "Caisse",
    "Caixa",
    "Caja",
    "Cassa",
    "Crédit",
    "Credit",
    "Société",
    "Societe",
    "Società",
    "Societa",
    "Sociedad",
    "Sociedade",
    "Compagnie",
    "Compañía",
    "Compania",
    "Companhia",
    "Compagnia",
    "Groupe",
    "Gruppo",
    "Grupo",
    "Clube",
    "Institut",
    "Instituto",
    "Istituto",
    "Fundación",
    "Fundacion",
    "Fundação",
    "Fundacao",
    "Fondation",
    "Fondazione",
    "Stichting",
    "Ministère",
    "Ministerio",
    "Ministério",
    "Ministero",
    "Ministerium",
]);

/// The word a partnership's name ends with after "and" or "&", a legal form perhaps
/// after it ("Paton and Co Inc", "Donnelly and Sons", "Medley and Associates"): with the
/// name before "and", one firm, never a list of two.
pub static PARTNERSHIP_NOUNS: WordSet = WordSet::new(&[
    "Co",
    "Co.",
    "Company",
    "Cos",
    "Sons",
    "Son",
    "Associates",
    "Partners",
    "Brothers",
    "Bros",
    "Bros.",
]);

/// Head words of organization names ("State Department", "Renmin University").
pub static ORG_HEADS: WordSet = WordSet::new(&[
    "Academy",
    "Administration",
    "Agency",
    "Airlines",
    "Airways",
    "Alliance",
    "Army",
    "Assembly",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Bureau",
    "Cabinet",
    "Center",
    "Centre",
    "Chamber",
    "Church",
    "Club",
    "Coalition",
    "College",
    "Command",
    "Commission",
    "Committee",
    "Communications",
    "Company",
    "Congress",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Directorate",
    "Embassy",
    "Energy",
    "Enterprises",
    "Exchange",
    "Federation",
    "Force",
    "Forces",
    "Foundation",
    "Front",
    "Fund",
    "Group",
    "Guard",
    "Holdings",
    "Hospital",
    "House",
    "Industries",
    "Institute",
    "Institution",
    "Insurance",
    "International",
    "Investments",
    "League",
    "Laboratories",
    "Labs",
    "Media",
    "Ministry",
    "Motors",
    "Movement",
    "Museum",
    "Navy",
    "Network",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Partners",
    "Party",
    "Petroleum",
    "Pharmaceuticals",
    "Pictures",
    "Police",
    "Press",
    "Programme",
    "Railways",
    "Records",
    "Reserve",
    "School",
    "Secretariat",
    "Securities",
    "Senate",
    "Service",
    "Services",
    "Society",
    "Studios",
    "Systems",
    "Team",
    "Technologies",
    "Telecom",
    "Telecommunications",
    "Trust",
    "Tribunal",
    "Union",
    "University",
    "Unit",
    "Times",
    "Post",
    "News",
    "Herald",
    "Tribune",
    "Journal",
    "Gazette",
    "Electric",
    "Steel",
    "Motor",
    "Oil",
    "Chemical",
    "Chemicals",
    "Foods",
    "Brigade",
    "Corps",
    "Panel",
    "Caucus",
    "Institutes",
    "Stores",
    "Bancorp",
    "Government",
    "United",
    "Athletic",
    "Rovers",
    "Wanderers",
    "Albion",
    "FC",
    "AFC",
    "Hotspur",
    "Conservancy",
    "Forum",
    "Festival",
    "Library",
    "Railway",
    "Rail",
    "Ventures",
    "Capital",
    "Survey",
    "Observatory",
    "Initiative",
    "Watch",
]);

/// Head words that name an organization on their own ("Parliament said").
pub static STANDALONE_ORGS: WordSet = WordSet::new(&[
    "Parliament",
    "Congress",
    "Senate",
    "Treasury",
    "Pentagon",
    "Kremlin",
    "Commons",
    "Bundestag",
    "Bundesbank",
    "Duma",
    "Knesset",
    "Politburo",
    "Interpol",
    "Europol",
    "Nato",
    "NATO",
    "Opec",
    "OPEC",
    "Fed",
    "Whitehall",
    "Holyrood",
    "Stormont",
    "Downing",
]);

/// Political parties and movements as news prose names them, nouns and the adjectives
/// used as names ("Labour", "the Tories", "a Tory MP", "Liberal Democrats").
pub static PARTIES: WordSet = WordSet::new(&[
    "Labour",
    "New Labour",
    "Conservative",
    "Conservatives",
    "Conservative Party",
    "Tory",
    "Tories",
    "Liberal Democrat",
    "Liberal Democrats",
    "Lib Dem",
    "Lib Dems",
    "Liberal Party",
    "Liberals",
    "Green Party",
    "Greens",
    "Democratic Party",
    "Republican Party",
    "SNP",
    "UKIP",
    "Ukip",
    "Plaid Cymru",
    "Sinn Fein",
    "Sinn Féin",
    "DUP",
    "SDLP",
    "BNP",
    "Likud",
    "Labor",
    "Kadima",
    "Hamas",
    "Fatah",
    "Hezbollah",
    "Taleban",
    "Taliban",
    "al-Qaeda",
    "al-Qaida",
    "al Qaeda",
    "Al-Qaeda",
    "ANC",
    "Kuomintang",
    "KMT",
    "CDU",
    "CSU",
    "SPD",
    "FDP",
    "UMP",
    "BJP",
    "PRI",
    "PSOE",
    "Sandinistas",
]);

/// Names of one party, as news prose varies them; an article's fullest form stands for
/// the others ("Conservatives" for "Tory" and "Tories").
/// Forms of one body that share no words or initials ("Tories" and "Conservative
/// Party"): the article's fullest form names them all.
pub const ORG_ALIASES: &[&[&str]] = &[
    &[
        "Conservative Party",
        "Conservatives",
        "Conservative",
        "Tories",
        "Tory",
    ],
    &[
        "Liberal Democrats",
        "Liberal Democrat",
        "Lib Dems",
        "Lib Dem",
    ],
    &["Labour Party", "Labour"],
    &["Democratic Party", "Democrats"],
    &["Republican Party", "Republicans", "GOP"],
    &["Green Party", "Greens"],
    &["UK Independence Party", "UKIP", "Ukip"],
    &["Federal Reserve", "Federal Reserve Board", "Fed"],
];

/// Last words of the names of events, prizes and laws, which are neither people nor
/// organizations ("Geneva Motor Show", "Booker Prize", "Energy Act").
pub static EVENT_HEADS: WordSet = WordSet::new(&[
    "Show",
    "Shows",
    "Awards",
    "Award",
    "Prize",
    "Prizes",
    "Championships",
    "Championship",
    "Tournament",
    "Cup",
    "Games",
    "Olympics",
    "Trophy",
    "Open",
    "Expo",
    "Conference",
    "Marathon",
    "Grand Prix",
    "Act",
    "Treaty",
    "Accord",
    "Protocol",
    "Amendment",
    "Disease",
    "Syndrome",
]);

/// Honorifics: before a name they say a person follows, whatever the name looks like
/// ("Mr Straw"), unlike job titles and party labels ("General Election").
pub static HONORIFICS: WordSet = WordSet::new(&[
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Miss",
    "Dr",
    "Dr.",
    "Sir",
    "Dame",
    "Lady",
    "Lord",
    "Baroness",
    "Prof",
    "Prof.",
    "Professor",
    "Rev",
    "Rev.",
    "Reverend",
    "Sen.",
    "Rep.",
    "Gen.",
    "Col.",
    "Capt.",
    "Lt.",
    "Sgt.",
    // British style writes military ranks without the point.
    "Gen",
    "Capt",
    "Lt",
    "Sgt",
    "Maj",
    "Brig",
    "Cpl",
    "Adm.",
    "Gov.",
    "Sheikh",
    "Rabbi",
    "Imam",
    "Cardinal",
    "Archbishop",
    "Bishop",
]);

/// Letters after a name that are not part of it ("Charles Harris QC").
pub static POSTNOMINALS: WordSet = WordSet::new(&[
    "QC", "KC", "MP", "MSP", "MEP", "AM", "MLA", "OBE", "MBE", "CBE", "KBE", "DBE", "PhD", "MD",
]);

/// Last words of place names ("Fulton Avenue", "Rhône Glacier", "City Hall").
pub static PLACE_HEADS: WordSet = WordSet::new(&[
    "Airport",
    "Road",
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Lane",
    "Boulevard",
    "Drive",
    "Way",
    "Square",
    "Park",
    "Bridge",
    "Hall",
    "Station",
    "Glacier",
    "River",
    "Lake",
    "Mountain",
    "Mountains",
    "Valley",
    "Island",
    "Islands",
    "Bay",
    "Beach",
    "Hill",
    "Hills",
    "Heights",
    "Stadium",
    "Arena",
    "Creek",
    "Canyon",
    "Coast",
    "Sea",
    "Ocean",
    "Peninsula",
    "Province",
    "Region",
    "Wood",
    "Woods",
    "Forest",
    "Desert",
    "Basin",
    "Strait",
    "Harbour",
    "Harbor",
    "Port",
    "Meads",
    "Abbey",
    "Cathedral",
    "Palace",
    "Castle",
    "Tower",
    "Gardens",
    "Green",
    "Terrace",
    "Crescent",
    "Close",
    "Plaza",
    "Mall",
    "Quay",
    "Wharf",
    "Pier",
    "Dam",
    "Falls",
    "Canal",
    "Highway",
    "Motorway",
    "Freeway",
    "Estate",
    "Field",
    "Fields",
    "Ridge",
    "Peak",
    "Pass",
    "Delta",
    "Plains",
    "Plateau",
    "Reef",
    "Airbase",
    "Cape",
    "Stream",
    "Spring",
    "Springs",
]);

/// First words of place names ("Mount Fitz Roy", "Lake Geneva").
pub static PLACE_STARTS: WordSet = WordSet::new(&[
    "St", "St.", "Mount", "Mt.", "Lake", "Cape", "Fort", "Port", "Isle", "Gulf", "Loch", "River",
]);

/// Titles and honorifics that precede a person's name; stripped from the name and taken
/// as evidence that a person follows.
pub static TITLES: WordSet = WordSet::new(&[
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Miss",
    "Messrs.",
    "Dr",
    "Dr.",
    "Drs.",
    "Prof",
    "Prof.",
    "Profs.",
    "Professor",
    "Sir",
    "Dame",
    "Lady",
    "Rev",
    "Rev.",
    "Reverend",
    "Father",
    "Sister",
    "Brother",
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Secretary",
    "Ambassador",
    "Chancellor",
    "Senator",
    "Sen.",
    "Sens.",
    "Rep.",
    "Reps.",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Governor",
    "Gov.",
    "Govs.",
    "Mayor",
    "Judge",
    "Justice",
    "General",
    "Gen.",
    "Gen",
    "Colonel",
    "Col.",
    "Captain",
    "Capt.",
    "Lt.",
    "Lieutenant",
    "Major",
    "Sergeant",
    "Sgt.",
    "Admiral",
    "Adm.",
    "Commander",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Chief",
    "Executive",
    "Director",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Assistant",
    "Deputy",
    "Foreign",
    "Finance",
    "Defence",
    "Defense",
    "Interior",
    "Home",
    "Trade",
    "Health",
    "Education",
    "Energy",
    "Culture",
    "Sports",
    "Treasury",
    "State",
    "Attorney",
    "Solicitor",
    "Chief Executive",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Cardinal",
    "Bishop",
    "Archbishop",
    "Rabbi",
    "Imam",
    "Sheikh",
    "Coach",
    "Manager",
    "Striker",
    "Midfielder",
    "Defender",
    "Goalkeeper",
    "Superintendent",
    "Inspector",
    "Detective",
    "Officer",
    "Constable",
    "Speaker",
    "Leader",
    "Premier",
    "Envoy",
    "Commissioner",
    "Economist",
    "Analyst",
    "Counsel",
    "Founder",
    "CEO",
    "Chief Financial Officer",
    "Emeritus",
    "Dean",
    "Principal",
    "Auditor",
    "Federal",
    "Former",
    "Acting",
    "Opposition",
    "Labour",
    "Conservative",
    "Democratic",
    "Republican",
    "Tory",
    "Liberal",
    "Shadow",
    "Junior",
    "Senior",
    "U.S.",
    "US",
    "UK",
    "European",
    "Trade Secretary",
    "Sen",
    "Rep",
    "Lord",
    "MP",
    "MSP",
    "MEP",
    "QC",
]);

/// Verbs that report speech. Their past, present and participle forms are listed.
pub static SPEECH_VERBS: WordSet = WordSet::new(&[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "warned",
    "warns",
    "argued",
    "argues",
    "noted",
    "notes",
    "explained",
    "explains",
    "insisted",
    "insists",
    "asked",
    "asks",
    "stated",
    "states",
    "claimed",
    "claims",
    "announced",
    "announces",
    "declared",
    "declares",
    "stressed",
    "stresses",
    "urged",
    "urges",
    "admitted",
    "admits",
    "conceded",
    "concedes",
    "predicted",
    "predicts",
    "replied",
    "replies",
    "responded",
    "responds",
    "commented",
    "comments",
    "wrote",
    "writes",
    "continued",
    "continues",
    "acknowledged",
    "acknowledges",
    "suggested",
    "suggests",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "estimated",
    "estimates",
    "forecast",
    "forecasts",
    "reported",
    "reports",
    "believes",
    "believed",
    "maintained",
    "maintains",
    "countered",
    "counters",
    "recalled",
    "recalls",
    "cautioned",
    "cautions",
    "observed",
    "observes",
    "pointed",
    "emphasised",
    "emphasized",
    "complained",
    "complains",
    "revealed",
    "reveals",
    "agreed",
    "agrees",
    "disclosed",
    "discloses",
    "remarked",
    "remarks",
    "contended",
    "contends",
    "alleged",
    "alleges",
    "promised",
    "promises",
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "threatened",
    "threatens",
    "conceded",
    "quoted",
    "saying",
    "telling",
    "adding",
    "warning",
    "arguing",
    "noting",
    "explaining",
    "insisting",
    "asking",
    "claiming",
    "announcing",
    "declaring",
    "stressing",
    "urging",
    "admitting",
    "predicting",
    "replying",
    "responding",
    "commenting",
    "writing",
    "acknowledging",
    "suggesting",
    "confirming",
    "denying",
    "describing",
    "described",
    "describes",
    "called",
    "calling",
    "calls",
    "protested",
    "protests",
    "accused",
    "accuses",
    "accusing",
]);

/// Words that never open the noun phrase a possessive governs ("Labour's plans"):
/// articles, prepositions, conjunctions, auxiliaries and relative words. Written after
/// "Moody's" or "Sotheby's", one of them (or a speech verb) shows that the ending is part
/// of the name.
pub static NOT_POSSESSED: WordSet = WordSet::new(&[
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "with", "by", "as", "into",
    "over", "after", "before", "since", "until", "and", "or", "but", "nor", "than", "is", "was",
    "are", "were", "has", "had", "have", "will", "would", "could", "should", "can", "may", "might",
    "must", "does", "did", "do", "also", "which", "who", "that",
]);

/// Determiners and object pronouns: a lowercase word between a possessive-looking name
/// and one of these is a verb ("Moody's rates the notes", "S&P cut its rating"), no
/// possessed noun, which no determiner follows.
pub static OBJECT_OPENERS: WordSet = WordSet::new(&[
    "the", "a", "an", "its", "their", "his", "her", "them", "it", "this", "these", "those", "our",
    "all",
]);

/// Months, weekdays and other capitalised words that are never names.
pub static NEVER_NAMES: WordSet = WordSet::new(&[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Jan.",
    "Feb",
    "Feb.",
    "Mar",
    "Mar.",
    "Apr",
    "Apr.",
    "Jun",
    "Jun.",
    "Jul",
    "Jul.",
    "Aug",
    "Aug.",
    "Sep",
    "Sep.",
    "Sept",
    "Sept.",
    "Oct",
    "Oct.",
    "Nov",
    "Nov.",
    "Dec",
    "Dec.",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Christmas",
    "Easter",
    "Ramadan",
    "Eid",
    "He",
    "She",
    "It",
    "They",
    "We",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "GMT",
    "BST",
    "EST",
    "EDT",
    "CET",
    "I",
    "OK",
    "TV",
    "AM",
    "PM",
    "Internet",
    "Web",
    "Mrs",
    "Mr",
    "Ms",
    "Dr",
    "No",
    "Yes",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "English",
    "God",
    // Acronyms that name things, not organizations.
    "IP",
    "PC",
    "PCs",
    "GDP",
    "HIV",
    "AIDS",
    "Aids",
    "DNA",
    "CD",
    "CDs",
    "DVD",
    "DVDs",
    "MP",
    "MPs",
    "MEP",
    "MEPs",
    "MP3",
    "SMS",
    "GPS",
    "USB",
    "PIN",
    "VAT",
    "ID",
    "CEO",
    "CFO",
    "IT",
    "AI",
    "3G",
    "4G",
    "5G",
    "LCD",
    "RAM",
    "CPU",
    "PDF",
    "URL",
    "HTML",
    "WiFi",
    "Wi-Fi",
    "LNG",
    "FM",
    "ET",
    "MBA",
    "PhD",
    "SARS",
    "Sars",
    "BSE",
    "CO2",
    "HD",
    "PS2",
    "PS3",
    "PSP",
    "RSS",
    "VoIP",
    "DSL",
    "ADSL",
    "ISP",
    "ISPs",
    "SUV",
    "SUVs",
    "IPO",
    "M&A",
    "Q&A",
    "FAQ",
    "UFO",
    "TNT",
    "WMD",
    "ASBO",
    "Asbo",
    "NHS-funded",
    "OBE",
    "MBE",
    "CBE",
    "QC",
    "DJ",
    "DJs",
    "CEOs",
]);
