//! The publication day many news sites write into an article's address:
//! `/2017/08/14/`, `/20170814070322-113-234470/`, `/2017-08-14-judul`.
//! Used when the page or row carries no date of its own: the address is
//! written at publication, while a crawl time may lie days later.

/// The `YYYY-MM-DD` a news URL's path carries, if any.
pub(crate) fn date_from_url(url: &str) -> Option<String> {
    // Only the path: a host or query may hold digits of any kind.
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.split_once('/').map(|(_, p)| p)?;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let segments: Vec<&str> = path.split('/').collect();
    // "/2017/08/14/": three segments in a row.
    for w in segments.windows(3) {
        if let (Some(y), Some(m), Some(d)) = (year(w[0]), number(w[1], 2), number(w[2], 2)) {
            if let Some(date) = valid(y, m, d) {
                return Some(date);
            }
        }
    }
    for segment in &segments {
        // "/20170814070322-113-234470/" (a timestamp opening a segment) or
        // "/2017-08-14-judul".
        let digits: String = segment.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() == 8 || digits.len() == 14 {
            let (y, m, d) = (&digits[..4], &digits[4..6], &digits[6..8]);
            if let (Some(y), Some(m), Some(d)) = (year(y), number(m, 2), number(d, 2)) {
                if let Some(date) = valid(y, m, d) {
                    return Some(date);
                }
            }
        }
        let parts: Vec<&str> = segment.splitn(4, '-').collect();
        if parts.len() >= 3 {
            if let (Some(y), Some(m), Some(d)) =
                (year(parts[0]), number(parts[1], 2), number(parts[2], 2))
            {
                if let Some(date) = valid(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    None
}

/// A four-digit year news could carry (1990 to 2099).
fn year(s: &str) -> Option<u32> {
    number(s, 4).filter(|y| (1990..=2099).contains(y))
}

fn number(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days_in_month)
        .contains(&d)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::date_from_url;

    #[test]
    fn news_url_shapes() {
        let cases = [
            (
                "https://www.cnnindonesia.com/internasional/20170814070322-113-234470/judul/",
                Some("2017-08-14"),
            ),
            (
                "https://www.suara.com/news/2018/01/18/040230/remaja-palestina",
                Some("2018-01-18"),
            ),
            (
                "https://example.org/berita/2024-04-16-putin-menelepon-raisi",
                Some("2024-04-16"),
            ),
            (
                "https://www.reuters.com/world/2024/04/13/iran-launches-drones/?utm=1",
                Some("2024-04-13"),
            ),
            // No date, or numbers that are no date.
            (
                "https://kumparan.com/nur-khafifah/desa-sweida-suriah-dibombardir",
                None,
            ),
            (
                "https://www.antaranews.com/berita/652013/krisis-kemanusiaan",
                None,
            ),
            ("https://x.invalid/2017/13/40/bukan-tanggal", None),
            ("https://20170814.example.com/judul", None),
            ("https://x.invalid/a?d=2017/08/14", None),
            ("tanpa-skema", None),
            ("", None),
        ];
        for (url, want) in cases {
            assert_eq!(date_from_url(url).as_deref(), want, "{url}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_yields_real_days(url in "\\PC{0,80}", y in 1990u32..2100, m in 1u32..13, d in 1u32..32) {
            if let Some(date) = date_from_url(&url) {
                proptest::prop_assert!(chrono_free_check(&date));
            }
            let built = format!("https://x.invalid/{y}/{m:02}/{d:02}/judul");
            if let Some(date) = date_from_url(&built) {
                proptest::prop_assert_eq!(date, format!("{y:04}-{m:02}-{d:02}"));
            } else {
                proptest::prop_assert!(d > 28);
            }
        }
    }

    fn chrono_free_check(date: &str) -> bool {
        date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-'
    }

    #[test]
    fn any_string_is_safe() {
        for s in [
            "/",
            "//",
            "http://",
            "a/2017/02/29/b",
            "a/2016/02/29/b",
            "ä/é/ü",
            "a/99999999999999-1",
        ] {
            let _ = date_from_url(s);
        }
        assert_eq!(
            date_from_url("x/2016/02/29/b").as_deref(),
            Some("2016-02-29")
        );
        assert_eq!(date_from_url("x/2017/02/29/b"), None);
    }
}
