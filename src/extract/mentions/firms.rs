//! Passes over an article's mentions that find companies' names the model cut short or
//! read as people's: a partnership's partners and "and Co", a legal form after a
//! bracketed qualifier, a head-first word of another language ("Banque"), capitals in
//! brackets that abbreviate the name ("Fannie Mae (FNM)"), a name cut at a small word
//! whose capitals spell an acronym ("General Agreement on Tariffs and Trade"). Each
//! records its change on the mentions it alters.

use super::{is_edge_form, is_ticker, reclass_forms, Change, Class, Mention};
use crate::extract::lexicon::{
    lexicon, COMPANY_SUFFIXES, HONOURS_AFTER_NAMES, ORG_OPENERS, PARTNERSHIP_NOUNS,
    SEATS_AFTER_NAMES, STOCK_EXCHANGES,
};
use crate::extract::names;
use crate::extract::Paragraph;

/// A name followed by "and" (or "&") and a partnership's noun ("George Paton and Co Inc",
/// "Alex Brown and Sons", "Medley and Associates") is a firm's: it runs on over them
/// and the legal forms after them, taking in the names found there ("Co Inc"), and
/// names an organization, whatever the model read of its first part (the people a firm
/// is named after). `mentions` are in article order; `read` holds their paragraphs.
pub fn partnerships(read: &[&Paragraph], mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        // A name inside the partnership of the last mention ("Co Inc") is part of it.
        if let Some(a) = out
            .last_mut()
            .filter(|a| a.para == m.para && m.start < a.end && a.changes.contains(&Change::Firm))
        {
            a.end = a.end.max(m.end);
            a.name = read[a.para].span(a.start..a.end).to_string();
            continue;
        }
        let mut m = m;
        let p = read[m.para];
        if let Some(end) = partnership_end(p, &m) {
            m.end = end;
            m.name = p.span(m.start..end).to_string();
            m.class = Class::Organization;
            m.changes.push(Change::Firm);
        }
        out.push(m);
    }
    out
}

/// A name read as a person's that opens with a word heading organizations' names in
/// languages that put the head first ("Banque Paribas", "Societe Generale", "Clube
/// Atletico Serrano") is an organization's: no person's name opens so. So are its last
/// words written alone as a person's ("Serrano"). `mentions` are an article's.
pub fn org_openers(mut mentions: Vec<Mention>) -> Vec<Mention> {
    let mut opened: Vec<(String, Change)> = Vec::new();
    for m in &mut mentions {
        let first = m.name.split_whitespace().next().unwrap_or_default();
        if m.class == Class::Person && m.name.contains(' ') && ORG_OPENERS.contains(first) {
            let change = Change::Opener(first.to_string());
            m.class = Class::Organization;
            m.changes.push(change.clone());
            opened.push((m.name.clone(), change));
        }
    }
    reclass_forms(
        mentions,
        &opened,
        Class::Person,
        Class::Organization,
        |whole, m| {
            whole
                .strip_suffix(m)
                .is_some_and(|rest| rest.ends_with(' '))
        },
    )
}

/// "Fannie Mae (FNM)", "Tarn Vale (NYSE: TVL)", "Polskie Sieci Elektroenergetyczne
/// (PSE)": a name read as a person's with capitals in brackets after it that abbreviate
/// it, its stock symbol or its initials, is an organization's (news writes no person's
/// name so), and so are the same name and its first or last words ("Fannie") read as a
/// person's elsewhere in the article. The capitals are at most five; without an exchange
/// before them, at least two that abbreviate the name (its first letter, then others in
/// order: "FNM") and are no place ("(UK)"), seat ("(MP)") or news agency ("(AP)"): a
/// party's letter ("(R)") is one.
/// `mentions` are an article's, in order; `read` holds their paragraphs.
pub fn abbreviated_names(read: &[&Paragraph], mut mentions: Vec<Mention>) -> Vec<Mention> {
    let mut abbreviated: Vec<(String, Change)> = Vec::new();
    for m in &mut mentions {
        if m.class != Class::Person || m.possessive.is_some() {
            continue;
        }
        if let Some(short) = abbreviation_after(read[m.para], m) {
            let change = Change::Abbreviated(short);
            m.class = Class::Organization;
            m.changes.push(change.clone());
            abbreviated.push((m.name.clone(), change));
        }
    }
    reclass_forms(
        mentions,
        &abbreviated,
        Class::Person,
        Class::Organization,
        is_edge_form,
    )
}

/// The abbreviation in brackets right after mention `m` ("(FNM)", "(Nasdaq: TVL)").
fn abbreviation_after(p: &Paragraph, m: &Mention) -> Option<String> {
    let word = |i: usize| p.tokens.get(i).map_or("", |t| t.text(&p.text));
    let close = match word(m.end) {
        "(" => ")",
        "<" => ">",
        _ => return None,
    };
    let mut at = m.end + 1;
    let exchange = STOCK_EXCHANGES.contains(word(at)) && word(at + 1) == ":";
    if exchange {
        at += 2;
    }
    let symbol = word(at);
    let base = symbol.split_once('.').map_or(symbol, |(base, _)| base);
    let capitals =
        !base.is_empty() && base.len() <= 5 && base.bytes().all(|b| b.is_ascii_uppercase());
    let shaped = capitals && (base.len() == symbol.len() || is_ticker(symbol, true));
    let named = exchange
        || (base.len() >= 2
            && !SEATS_AFTER_NAMES.contains(base)
            && !HONOURS_AFTER_NAMES.contains(base)
            && !lexicon().is_outlet(base)
            && !lexicon().is_place(base)
            && abbreviates(base, &m.name));
    (shaped && named && word(at + 1) == close).then(|| symbol.to_string())
}

/// Whether capitals `short` abbreviate `name`: its first letter, then each other in
/// order among the name's letters ("FNM" of "Fannie Mae", "AAPL" of "Apple": a letter
/// repeated may stand for one).
fn abbreviates(short: &str, name: &str) -> bool {
    let letters: Vec<u8> = name
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_uppercase())
        .collect();
    let short = short.as_bytes();
    if letters.first() != short.first() {
        return false;
    }
    let mut at = 0;
    for pair in short.windows(2) {
        if pair[1] == pair[0] {
            continue;
        }
        match letters[at + 1..].iter().position(|&b| b == pair[1]) {
            Some(k) => at += 1 + k,
            None => return false,
        }
    }
    true
}

/// The small words that may join the parts of a body's name ("General Agreement on
/// Tariffs and Trade", "Organisation for Economic Cooperation and Development").
const JOINING_WORDS: &[&str] = &["on", "for", "of", "and", "&"];

/// "General Agreement on Tariffs and Trade": names the model cut at a small word are one
/// organization's when the capitals opening their words spell an acronym the article
/// writes ("GATT"), three letters or more; so are its words read as a person's elsewhere
/// in the article ("Rinehart" of "Holt, Rinehart and Winston"). `mentions` are an article's, in order; `read`
/// holds their paragraphs.
pub fn spelled_out(read: &[&Paragraph], mentions: Vec<Mention>) -> Vec<Mention> {
    let acronyms: Vec<&str> = read
        .iter()
        .flat_map(|p| p.tokens.iter().map(|t| t.text(&p.text)))
        .filter(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_uppercase()))
        .collect();
    if acronyms.is_empty() {
        return mentions;
    }
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    let mut spelled_names: Vec<(String, Change)> = Vec::new();
    for m in mentions {
        let p = read[m.para];
        let joined = out.last().filter(|a| {
            a.para == m.para
                && a.possessive.is_none()
                && m.start == a.end + 1
                && JOINING_WORDS.contains(&p.tokens[a.end].text(&p.text))
        });
        let spelled = joined
            .map(|a| initials(p, a.start..m.end))
            .filter(|s| acronyms.contains(&s.as_str()));
        if let (Some(acronym), Some(a)) = (spelled, out.last_mut()) {
            a.end = m.end;
            a.name = format!("{} {}", p.span(a.start..m.start), m.name);
            a.possessive = m.possessive.clone();
            a.class = Class::Organization;
            a.changes.push(Change::Spelled(acronym.clone()));
            spelled_names.push((a.name.clone(), Change::Spelled(acronym)));
            continue;
        }
        out.push(m);
    }
    reclass_forms(
        out,
        &spelled_names,
        Class::Person,
        Class::Organization,
        is_part_form,
    )
}

/// Whether `m` is words of `whole`, in a row ("Rinehart" of "Holt Rinehart and Winston").
fn is_part_form(whole: &str, m: &str) -> bool {
    let (whole, m): (Vec<&str>, Vec<&str>) = (whole.split(' ').collect(), m.split(' ').collect());
    whole.windows(m.len()).any(|w| w == m.as_slice())
}

/// The first letters of the capitalised words of tokens `range` of `p`.
fn initials(p: &Paragraph, range: std::ops::Range<usize>) -> String {
    range
        .filter_map(|i| p.tokens[i].text(&p.text).chars().next())
        .filter(|c| c.is_ascii_uppercase())
        .collect()
}

/// Where the partnership after mention `m` ends: "and" or "&", a partnership's noun,
/// then any legal forms; `None` when none follows, or when the mention is a possessive.
fn partnership_end(p: &Paragraph, m: &Mention) -> Option<usize> {
    let word = |i: usize| p.tokens.get(i).map(|t| t.text(&p.text));
    let and = m.end;
    if m.possessive.is_some() || !matches!(word(and), Some("and" | "&")) {
        return None;
    }
    if !word(and + 1).is_some_and(|w| PARTNERSHIP_NOUNS.contains(w)) {
        return None;
    }
    let form = |i: usize| {
        word(i).is_some_and(|w| COMPANY_SUFFIXES.contains(names::features::strip_possessive(w).0))
    };
    let mut end = and + 2;
    while form(end) {
        end += 1;
    }
    Some(end)
}

/// The most words a bracketed qualifier inside a company's name holds ("(U.K.)",
/// "(Hong Kong)").
const MAX_QUALIFIER_WORDS: usize = 3;

/// Legal forms end companies' names ("Ltd", "Inc", "AG"). Where a bracketed qualifier
/// stands between the name and its legal form ("Cheung Kong (Holdings) Ltd", "Nikko
/// Securities Co (Europe) Ltd"), the model reads the bracket as the name's end; the
/// name, the bracket and the legal form are one organization. A legal form alone names
/// nothing. `mentions` are in article order; `read` holds their paragraphs.
pub fn legal_forms(read: &[&Paragraph], mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        let p = read[m.para];
        let first = p.tokens[m.start].text(&p.text);
        let opens_with_form = COMPANY_SUFFIXES.contains(names::features::strip_possessive(first).0);
        if opens_with_form {
            if let Some(open) = qualifier_before(p, m.start) {
                // The qualifier's own words are no names of their own.
                while out
                    .last()
                    .is_some_and(|l| l.para == m.para && l.start > open)
                {
                    out.pop();
                }
                if let Some(a) = out.last_mut().filter(|l| l.para == m.para && l.end == open) {
                    let qualifier = p.span(open..m.start).to_string();
                    a.end = m.end;
                    a.name = match &m.possessive {
                        Some(_) => format!("{} {}", p.span(a.start..m.start), m.name),
                        None => p.span(a.start..m.end).to_string(),
                    };
                    a.possessive = m.possessive.clone();
                    a.class = Class::Organization;
                    a.changes.push(Change::Qualified(qualifier));
                    continue;
                }
            }
        }
        if opens_with_form && m.end - m.start == 1 {
            continue;
        }
        // Only a partnership the model read whole lists its partners before it: one
        // the model cut at "and" ([`partnerships`]) is mostly a firm named after one
        // person ("Lloyds, Samuel Montagu and Co Ltd" lists two banks).
        let read_whole = !m.changes.contains(&Change::Firm);
        if let Some(a) = out
            .last_mut()
            .filter(|a| a.para == m.para && read_whole && lists_partners(p, a, &m))
        {
            a.changes.push(Change::Partners(m.name.clone()));
            a.end = m.end;
            a.name = format!("{} {}", p.span(a.start..m.start), m.name);
            a.possessive = m.possessive.clone();
            a.class = Class::Organization;
            continue;
        }
        out.push(m);
    }
    out
}

/// The most partners' names a partnership's name lists before its last.
const MAX_PARTNER_WORDS: usize = 3;

/// Whether `firm` ("Sachs and Co", "Harris Upham and Co Inc") ends a partnership's name
/// whose first partner is `first`, a comma between ("Goldman, Sachs and Co", "Smith
/// Barney, Harris Upham and Co"): the firm's last partner, "and", a legal form (and
/// perhaps another); the partner before the comma a name of a few words written as
/// names of people are, neither an acronym ("AZT, Merck and Co Inc" lists two) nor a
/// company of its own.
fn lists_partners(p: &Paragraph, first: &Mention, firm: &Mention) -> bool {
    let word = |i: usize| p.tokens[i].text(&p.text);
    // A capitalised word or initials ("W.I."); no acronym, no figures.
    let surname_like = |i: usize| {
        let w = word(i);
        w.starts_with(char::is_uppercase)
            && (w.chars().any(char::is_lowercase) || w.ends_with('.'))
            && !w.chars().any(|c| c.is_ascii_digit())
    };
    let is_form =
        |i: usize| COMPANY_SUFFIXES.contains(names::features::strip_possessive(word(i)).0);
    let comma = first.end;
    let partner_and_form = (firm.start + 1..firm.end.saturating_sub(1))
        .find(|&i| matches!(word(i), "and" | "&"))
        .is_some_and(|and| and - firm.start <= MAX_PARTNER_WORDS && is_form(and + 1));
    comma + 1 == firm.start
        && word(comma) == ","
        && first.end - first.start <= MAX_PARTNER_WORDS
        && (first.start..first.end).all(surname_like)
        && !is_form(first.end - 1)
        && first.possessive.is_none()
        && partner_and_form
}

/// Where the bracket of a qualifier closing right before token `at` opens: "(", one to
/// [`MAX_QUALIFIER_WORDS`] capitalised words, ")".
fn qualifier_before(p: &Paragraph, at: usize) -> Option<usize> {
    let word = |i: usize| p.tokens[i].text(&p.text);
    if at < 3 || word(at - 1) != ")" {
        return None;
    }
    let open = (at.saturating_sub(MAX_QUALIFIER_WORDS + 2)..at - 2)
        .rev()
        .find(|&i| word(i) == "(")?;
    let inside = open + 1..at - 1;
    let capitalised = inside.clone().all(|i| {
        p.tokens[i].kind == crate::extract::tokens::Kind::Word
            && word(i).chars().next().is_some_and(char::is_uppercase)
    });
    (!inside.is_empty() && capitalised).then_some(open)
}

#[cfg(test)]
mod tests {
    use super::super::tests::try_mention;
    use super::*;
    use crate::extract::names::Kind;

    /// The names and classes of the mentions of `text` at `ranges` after `pass`.
    fn after(
        pass: impl Fn(&[&Paragraph], Vec<Mention>) -> Vec<Mention>,
        text: &str,
        ranges: &[(usize, usize, Kind)],
    ) -> Vec<(String, Class)> {
        let p = Paragraph::new(text.to_string());
        let found = ranges
            .iter()
            .filter_map(|&(start, end, kind)| try_mention(&p, start, end, kind))
            .collect();
        pass(&[&p], found)
            .into_iter()
            .map(|m| (m.name, m.class))
            .collect()
    }

    fn with_firm_passes(text: &str, ranges: &[(usize, usize, Kind)]) -> Vec<(String, Class)> {
        after(|r, f| legal_forms(r, partnerships(r, f)), text, ranges)
    }

    #[test]
    fn a_name_opening_with_a_head_first_organization_word_is_no_persons() {
        let mention = |p: &Paragraph, start, end| try_mention(p, start, end, Kind::Person);
        // Tokens: Banque(0) Dunmore(1) and(2) Tom(3) Reede(4) said(5) ,(6) Dunmore(7)
        let p = Paragraph::new("Banque Dunmore and Tom Reede said, Dunmore added".to_string());
        let found: Vec<Mention> = [(0, 2), (3, 5), (7, 8)]
            .iter()
            .filter_map(|&(start, end)| mention(&p, start, end))
            .collect();
        let classes: Vec<(String, Class)> = org_openers(found)
            .into_iter()
            .map(|m| (m.name, m.class))
            .collect();
        assert_eq!(
            classes,
            [
                ("Banque Dunmore".to_string(), Class::Organization),
                ("Tom Reede".to_string(), Class::Person),
                // Its last word alone is the bank's too.
                ("Dunmore".to_string(), Class::Organization),
            ]
        );
    }

    #[test]
    fn a_name_abbreviated_in_brackets_after_it_is_an_organizations() {
        let classes = |text: &str, ranges: &[(usize, usize)]| {
            let ranges: Vec<_> = ranges.iter().map(|&(s, e)| (s, e, Kind::Person)).collect();
            after(abbreviated_names, text, &ranges)
        };
        let (org, person) = (Class::Organization, Class::Person);
        // Tokens: Tarn(0) Vale(1) ((2) TVL(3) )(4) hired(5) Ann(6) Lee(7) ;(8) Tarn(9)
        // Vale(10) said(11) ,(12) and(13) Tarn's(14)
        let found = classes(
            "Tarn Vale (TVL) hired Ann Lee; Tarn Vale said, and Tarn's",
            &[(0, 2), (6, 8), (9, 11), (14, 15)],
        );
        let want = [
            ("Tarn Vale", org),
            ("Ann Lee", person),
            ("Tarn Vale", org),
            ("Tarn", org),
        ];
        assert_eq!(found, want.map(|(n, c)| (n.to_string(), c)));
        // With its exchange, a symbol need not abbreviate the name; angle brackets too.
        assert_eq!(classes("Dunmore (Nasdaq: XQZ) rose", &[(0, 1)])[0].1, org);
        assert_eq!(classes("Dunmore <DUN> rose", &[(0, 1)])[0].1, org);
        assert_eq!(classes("Dunmore (DUN.L) rose", &[(0, 1)])[0].1, org);
        // A bracketed place, party or seat after a person's name is no symbol.
        for text in [
            "Ursula Kay (UK) wrote",
            "Ann Lee (R) voted",
            "Al Paton (AP) wrote",
        ] {
            assert_eq!(classes(text, &[(0, 2)])[0].1, person, "{text}");
        }
        assert_eq!(classes("Mia Prior (MP) spoke", &[(0, 2)])[0].1, person);
        assert!(abbreviates("AAPL", "Apple") && abbreviates("FNM", "Fannie Mae"));
        assert!(!abbreviates("UK", "Ann Lee") && !abbreviates("MAF", "Fannie Mae"));
    }

    #[test]
    fn a_name_cut_at_a_small_word_is_whole_where_its_capitals_spell_an_acronym() {
        let classes =
            |text: &str, ranges: &[(usize, usize, Kind)]| after(spelled_out, text, ranges);
        let org = Class::Organization;
        // Tokens: The(0) Grand(1) Accord(2) on(3) Seeds(4) and(5) Trade(6) met(7) ,(8)
        // GAST(9) officials(10) said(11)
        let cut = [(1, 3, Kind::Misc), (4, 7, Kind::Organization)];
        let found = classes(
            "The Grand Accord on Seeds and Trade met, GAST officials said",
            &cut,
        );
        assert_eq!(
            found,
            [("Grand Accord on Seeds and Trade".to_string(), org)]
        );
        // Without the acronym, the model's reading stands.
        let found = classes(
            "The Grand Accord on Seeds and Trade met, officials said",
            &cut,
        );
        assert_eq!(found.len(), 2, "{found:?}");
        // A partner's name read as a person's elsewhere is the firm's.
        // Tokens: Tarn(0) Vale(1) and(2) Ode(3) ((4) TVO(5) )(6) said(7) ;(8) Vale(9)
        let found = classes(
            "Tarn Vale and Ode (TVO) said; Vale added",
            &[
                (0, 2, Kind::Person),
                (3, 4, Kind::Organization),
                (9, 10, Kind::Person),
            ],
        );
        let want = [("Tarn Vale and Ode", org), ("Vale", org)];
        assert_eq!(found, want.map(|(n, c)| (n.to_string(), c)));
    }

    #[test]
    fn a_name_before_and_a_partnerships_noun_is_a_firms() {
        let org = Class::Organization;
        // Tokens: Tarn(0) Vale(1) and(2) Sons(3) Inc(4) said(5)
        let found = with_firm_passes(
            "Tarn Vale and Sons Inc said",
            &[(0, 2, Kind::Person), (3, 5, Kind::Organization)],
        );
        assert_eq!(found, [("Tarn Vale and Sons Inc".to_string(), org)]);
        // The noun need not have been read as a name: Reede(0) and(1) Associates(2).
        let found = with_firm_passes("Reede and Associates said", &[(0, 1, Kind::Person)]);
        assert_eq!(found, [("Reede and Associates".to_string(), org)]);
        // Two companies joined by "and" stay two.
        let found = with_firm_passes(
            "Acme and Orrin Holdings said",
            &[(0, 1, Kind::Organization), (2, 4, Kind::Organization)],
        );
        assert_eq!(found.len(), 2, "{found:?}");
        // A firm named after one person, after a comma, lists no partners before it:
        // Lloyds(0) ,(1) Hal(2) Reede(3) and(4) Co(5) Ltd(6)
        let found = with_firm_passes(
            "Lloyds, Hal Reede and Co Ltd",
            &[
                (0, 1, Kind::Organization),
                (2, 4, Kind::Person),
                (5, 7, Kind::Organization),
            ],
        );
        assert_eq!(
            found,
            [
                ("Lloyds".to_string(), org),
                ("Hal Reede and Co Ltd".to_string(), org)
            ]
        );
    }

    #[test]
    fn a_bracketed_qualifier_stays_inside_a_company_name() {
        let org = Class::Organization;
        // Tokens: Orlan(0) Mills(1) ((2) Holdings(3) )(4) Ltd(5) said(6)
        let found = with_firm_passes(
            "Orlan Mills (Holdings) Ltd said",
            &[
                (0, 2, Kind::Organization),
                (3, 4, Kind::Organization),
                (5, 6, Kind::Organization),
            ],
        );
        assert_eq!(found, [("Orlan Mills (Holdings) Ltd".to_string(), org)]);
        // Two words in the bracket, a person's name read by mistake before it.
        let found = with_firm_passes(
            "Tarn Vale (Hong Kong) Ltd's offer",
            &[(0, 2, Kind::Person), (6, 7, Kind::Organization)],
        );
        assert_eq!(found, [("Tarn Vale (Hong Kong) Ltd".to_string(), org)]);
        // A legal form alone names nothing; a bracket of figures is no qualifier.
        let found = with_firm_passes(
            "Orlan Mills (1987) Ltd said",
            &[(0, 2, Kind::Organization), (5, 6, Kind::Organization)],
        );
        assert_eq!(found, [("Orlan Mills".to_string(), org)]);
        // An acronym in brackets after a name, then a new name: both stay.
        let found = with_firm_passes(
            "Orlan Mills (OM) Co-op Ltd said",
            &[(0, 2, Kind::Organization), (5, 7, Kind::Organization)],
        );
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn partners_listed_before_and_co_make_one_firm() {
        let org = Class::Organization;
        // Tokens: Hallam(0) ,(1) Reede(2) and(3) Co(4) said(5)
        let found = with_firm_passes(
            "Hallam, Reede and Co said",
            &[(0, 1, Kind::Person), (2, 5, Kind::Organization)],
        );
        assert_eq!(found, [("Hallam, Reede and Co".to_string(), org)]);
        // Tokens: Tarn(0) Vale(1) ,(2) Pike(3) Orr(4) and(5) Co(6) Inc(7)
        let found = with_firm_passes(
            "Tarn Vale, Pike Orr and Co Inc",
            &[(0, 2, Kind::Person), (3, 8, Kind::Organization)],
        );
        assert_eq!(found, [("Tarn Vale, Pike Orr and Co Inc".to_string(), org)]);
        // A list of companies or products is no partnership.
        let found = with_firm_passes(
            "ZDV, Reede and Co",
            &[(0, 1, Kind::Organization), (2, 5, Kind::Organization)],
        );
        assert_eq!(found.len(), 2);
        let found = with_firm_passes(
            "Acme Inc, Reede and Co",
            &[(0, 2, Kind::Organization), (3, 6, Kind::Organization)],
        );
        assert_eq!(found.len(), 2);
        let found = with_firm_passes(
            "Hallam, Reede Holdings Co",
            &[(0, 1, Kind::Person), (2, 5, Kind::Organization)],
        );
        assert_eq!(found.len(), 2);
    }
}
