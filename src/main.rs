fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        let text = newsidx::decode::decode(&bytes).text;
        let a = newsidx::extract::extract_text(&path, &text);
        println!("{}", serde_json::to_string(&a).unwrap());
    }
}
