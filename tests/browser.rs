//! `newsidx serve`'s page in a real browser: the system's headless Chromium, driven
//! through the DevTools protocol (see `chrome`), clicking and typing as a reader would.
//! Without a browser the tests print why and pass; with `NEWSIDX_REQUIRE_BROWSER` set
//! (as `.ci/run` does) a missing browser fails them.

mod chrome;
mod serving;

use chrome::Browser;
use newsidx::index::state::FileState;
use newsidx::index::{NewsIndex, WriteLock};
use newsidx::{Article, Quote};
use serde_json::json;
use serving::{dated_day, dated_headline, shared_index, Served};

/// The text of every element matching `selector`, as a JavaScript array expression.
fn texts(selector: &str) -> String {
    format!(
        "Array.from(document.querySelectorAll({})).map(e => e.textContent)",
        json!(selector)
    )
}

/// The summary line once a search has been drawn.
const SUMMARY: &str = "document.getElementById('summary').textContent";

#[test]
fn a_reader_searches_filters_pages_narrows_dates_and_reads() {
    let Some(program) = chrome::find_browser() else {
        return;
    };
    let server = Served::start(shared_index("browser-page"), &[], &[]);
    let mut browser = Browser::launch(&program, 1200, 900);
    browser.goto(&server.url);
    browser.wait_for(
        &format!("{SUMMARY}.includes(' of ')"),
        "every article is listed",
    );

    // Type a query and see the expected headline, its match marked.
    browser.type_into("#q", "dredging");
    browser.press("Enter");
    // The first page of every article may hold the story too: wait for this search's.
    browser.wait_for(
        &format!("{SUMMARY}.startsWith('1–1 of 1 article')"),
        "the search for dredging is drawn",
    );
    assert_eq!(
        browser.eval(&texts("#hits .headline")),
        json!(["Harbour Board Awards £48m Dredging Contract to European Consortium"])
    );
    let marks = browser.eval(&texts("#hits mark"));
    let marks = marks.as_array().unwrap();
    assert!(!marks.is_empty());
    for mark in marks {
        assert!(
            mark.as_str().unwrap().to_lowercase().starts_with("dredg"),
            "{mark}"
        );
    }
    assert_eq!(browser.eval(&texts("#hits .copies")), json!(["+1 copy"]));
    assert_eq!(
        browser.eval("new URLSearchParams(location.search).get('q')"),
        json!("dredging")
    );

    // Click a speaker among the facets: only their articles remain.
    browser.type_into("#q", "said");
    browser.press("Enter");
    let facet =
        "#facets [data-kind=speakers] a[title='Only articles with speaker:\"Morag Dunlop\"']";
    browser.wait_for(
        &format!("document.querySelector({}) !== null", json!(facet)),
        "the speakers of 'said' are listed",
    );
    browser.click(facet);
    browser.wait_for(
        &format!("{SUMMARY}.startsWith('1–10 of 24 articles')"),
        "the speaker's 24 articles are found",
    );
    assert_eq!(
        browser.eval(&texts("#chips .chip")),
        json!(["speaker:\"Morag Dunlop\"×"])
    );
    let first_page = browser.eval(&texts("#hits .headline"));
    for headline in first_page.as_array().unwrap() {
        assert!(
            headline
                .as_str()
                .unwrap()
                .starts_with("Lighthouse keepers log"),
            "{headline}"
        );
    }

    // Page forward, then back with the browser's back button.
    browser.click("#next");
    browser.wait_for(
        &format!("{SUMMARY}.startsWith('11–20 of 24')"),
        "page 2 shows",
    );
    assert_eq!(
        browser.eval("new URLSearchParams(location.search).get('page')"),
        json!("2")
    );
    let second_page = browser.eval(&texts("#hits .headline"));
    assert_ne!(first_page, second_page);
    browser.eval("history.back()");
    browser.wait_for(
        &format!("{SUMMARY}.startsWith('1–10 of 24')"),
        "back on page 1",
    );
    assert_eq!(browser.eval(&texts("#hits .headline")), first_page);

    // A date range: March 2014 holds five of the weekly articles.
    browser.eval("document.getElementById('since').value = '2014-03-01'");
    browser.eval("document.getElementById('until').value = '2014-03-31'");
    browser.click("#range-form button[type=submit]");
    browser.wait_for(
        &format!("{SUMMARY}.startsWith('1–5 of 5 articles')"),
        "March's articles",
    );
    let march: Vec<String> = (0..serving::DATED)
        .filter(|&i| dated_day(i).starts_with("2014-03"))
        .map(dated_day)
        .collect();
    let mut shown: Vec<String> =
        serde_json::from_value(browser.eval(&texts("#hits time"))).unwrap();
    shown.sort();
    assert_eq!(shown, march);
    // Clearing the dates and choosing February's bar in the chart narrows the same way.
    browser.click("#clear-dates");
    browser.wait_for(
        &format!("{SUMMARY}.startsWith('1–10 of 24')"),
        "the dates are cleared",
    );
    browser.click("#chart .bar[data-start='2014-02-01']");
    browser.wait_for(
        &format!("{SUMMARY}.startsWith('1–4 of 4 articles')"),
        "February's articles",
    );
    assert_eq!(
        browser.eval("document.getElementById('since').value"),
        json!("2014-02-01")
    );
    assert_eq!(
        browser.eval("document.getElementById('until').value"),
        json!("2014-02-28")
    );

    // Open an article: its text, its quotation marked with the speaker, its link.
    let headline = browser.eval("document.querySelector('#hits .headline').textContent");
    browser.click("#hits .headline");
    browser.wait_for(
        "document.querySelector('#article h1') !== null",
        "the article opens",
    );
    assert_eq!(
        browser.eval("document.querySelector('#article h1').textContent"),
        headline
    );
    let n: usize = headline
        .as_str()
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(headline, json!(dated_headline(n)));
    assert_eq!(
        browser.eval(&texts("#article mark.quote")),
        json!(["The lamp turned all night without fault"])
    );
    assert_eq!(
        browser.eval("document.querySelector('#article a.original').href"),
        json!(format!("https://news.example/lighthouse/{n}"))
    );
    // Back to the search as it was.
    browser.click("#back");
    browser.wait_for(
        "!document.getElementById('search-view').hidden",
        "the search view is back",
    );
    browser.wait_for(
        &format!("{SUMMARY}.startsWith('1–4 of 4 articles')"),
        "the search is back",
    );

    // The quotes view: what Morag Dunlop said about the lamp.
    browser.click("#nav-quotes");
    browser.wait_for(
        "!document.getElementById('quotes-view').hidden",
        "the quotes view opens",
    );
    browser.type_into("#quote-q", "lamp");
    browser.type_into("#quote-speaker", "Morag Dunlop");
    browser.press("Enter");
    browser.wait_for(
        "document.querySelectorAll('#quotes .quote').length === 20",
        "a page of quotations",
    );
    let quotes = browser.eval(&texts("#quotes blockquote"));
    assert!(
        quotes
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q == "The lamp turned all night without fault"),
        "{quotes}"
    );
    assert_eq!(
        browser.eval(&texts("#quotes .who")).as_array().unwrap()[0],
        json!("— Morag Dunlop")
    );
    assert!(
        browser.exceptions().is_empty(),
        "{:?}",
        browser.exceptions()
    );
}

/// What an article may hold when its source was written to attack the page.
const HEADLINE: &str = "Harbour <script>window.__pwned = 'headline'</script> \
     <img src=x onerror=\"window.__pwned = 'img'\"> &amp; &lt;b&gt; news";
const SPEAKER: &str = "Dr <img src=x onerror=window.__pwned=1> Evil";
const QUOTE: &str =
    "<b onmouseover=\"window.__pwned = 'quote'\">We</b> deny &quot;everything&quot;";
const URL: &str = "javascript:window.__pwned='url'";

fn hostile_index(dir: &std::path::Path) {
    let lock = WriteLock::acquire(dir).unwrap();
    let index = NewsIndex::open_or_create(dir, &lock).unwrap();
    let mut writer = index.writer(50_000_000, &lock).unwrap();
    let article = Article {
        path: "/archive/<script>window.__pwned='path'</script>.txt".into(),
        headline: HEADLINE.into(),
        source: Some("<a href=\"javascript:window.__pwned='source'\">Wire</a>".into()),
        byline: Some("</p><script>window.__pwned='byline'</script>".into()),
        date: Some("2014-05-20".into()),
        url: Some(URL.into()),
        speakers: vec![SPEAKER.into()],
        organizations: vec!["<iframe src=javascript:window.__pwned=2>".into()],
        persons: vec![SPEAKER.into()],
        quotes: vec![Quote {
            speaker: Some(SPEAKER.into()),
            text: QUOTE.into(),
        }],
        body: format!(
            "Harbour officials met on Monday. \"{QUOTE}\" said {SPEAKER}.\n\n\
             Visit <a href=\"{URL}\">this</a> or <svg onload=window.__pwned=3>."
        ),
        ..Article::default()
    };
    let state = FileState {
        size: 1,
        mtime: 1,
        hash: 1,
    };
    writer
        .replace_file("/archive/evil.txt", state, &[(article, None)], None)
        .unwrap();
    writer.finish().unwrap();
}

/// No element the archive could have smuggled in, and no script run.
fn assert_untouched(browser: &mut Browser, view: &str) {
    assert_eq!(
        browser.eval("typeof window.__pwned"),
        json!("undefined"),
        "{view}"
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('main script, main img, main iframe, main svg :not(rect):not(g):not(title), main b, main [onerror], main [onload], main [onmouseover]').length"),
        json!(0),
        "{view}"
    );
    assert_eq!(
        browser.eval("Array.from(document.querySelectorAll('a')).filter(a => !/^https?:/.test(a.href)).length"),
        json!(0),
        "{view}: a link that is not a web address"
    );
}

#[test]
fn stored_markup_shows_as_text_and_never_runs() {
    let Some(program) = chrome::find_browser() else {
        return;
    };
    let dir = serving::scratch("browser-hostile");
    let index = dir.join("index");
    hostile_index(&index);
    let server = Served::start(&index, &[], &[]);
    let mut browser = Browser::launch(&program, 1200, 900);

    browser.goto(&format!("{}?q=harbour", server.url));
    browser.wait_for(
        "document.querySelector('#hits .headline') !== null",
        "the article is listed",
    );
    assert_eq!(
        browser.eval("document.querySelector('#hits .headline').textContent"),
        json!(HEADLINE)
    );
    assert_eq!(browser.eval(&texts("#hits .speakers a")), json!([SPEAKER]));
    assert_eq!(
        browser.eval(&texts("#facets [data-kind=speakers] .value")),
        json!([SPEAKER])
    );
    assert_untouched(&mut browser, "search");

    // The speaker's filter, from the facet.
    browser.click("#facets [data-kind=speakers] a");
    // The chip is drawn as the new search starts, which then replaces the same summary.
    browser.wait_for(
        "document.querySelectorAll('#chips .chip').length === 1",
        "the filter is shown",
    );
    browser.wait_for(
        &format!("{SUMMARY}.startsWith('1–1 of 1 article')"),
        "the speaker's article",
    );
    assert_untouched(&mut browser, "filtered search");

    browser.click("#hits .headline");
    browser.wait_for(
        "document.querySelector('#article h1') !== null",
        "the article opens",
    );
    assert_eq!(
        browser.eval("document.querySelector('#article h1').textContent"),
        json!(HEADLINE)
    );
    assert_eq!(browser.eval(&texts("#article mark.quote")), json!([QUOTE]));
    assert_eq!(browser.eval(&texts("#article .url")), json!([URL]));
    assert_eq!(
        browser.eval("document.querySelectorAll('#article a.original').length"),
        json!(0)
    );
    let body = browser.eval("document.querySelector('#article .body').textContent");
    assert!(
        body.as_str()
            .unwrap()
            .contains("<svg onload=window.__pwned=3>"),
        "{body}"
    );
    assert_untouched(&mut browser, "article");

    browser.goto(&format!("{}?view=quotes&speaker=Evil", server.url));
    browser.wait_for(
        "document.querySelector('#quotes blockquote') !== null",
        "the quotation is listed",
    );
    assert_eq!(browser.eval(&texts("#quotes blockquote")), json!([QUOTE]));
    assert_eq!(
        browser.eval(&texts("#quotes .who")),
        json!([format!("— {SPEAKER}")])
    );
    assert_untouched(&mut browser, "quotes");
    assert!(
        browser.exceptions().is_empty(),
        "{:?}",
        browser.exceptions()
    );
}
