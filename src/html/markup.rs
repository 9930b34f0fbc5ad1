//! Small helpers for writing HTML and SVG by hand: escaping text and attribute values, numbers
//! written short, and the colour arithmetic the drawings need (a side's colour lightened for a
//! zone's fill, and whether white or black text reads on it).

/// Text escaped for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most one decimal.
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// `#rrggbb` as numbers; grey for anything else.
pub fn rgb(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let p = |i: usize| h.get(i..i + 2).and_then(|x| u8::from_str_radix(x, 16).ok());
    match (h.len(), p(0), p(2), p(4)) {
        (6, Some(r), Some(g), Some(b)) => (r, g, b),
        _ => (0x80, 0x80, 0x80),
    }
}

/// The colour mixed with white: `amount` 0 keeps it, 1 gives white.
pub fn tint(hex: &str, amount: f64) -> String {
    let (r, g, b) = rgb(hex);
    let m = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * amount.clamp(0.0, 1.0)).round() as u8;
    format!("#{:02x}{:02x}{:02x}", m(r), m(g), m(b))
}

/// The colour made darker: `amount` 0 keeps it, 1 gives black.
pub fn shade(hex: &str, amount: f64) -> String {
    let (r, g, b) = rgb(hex);
    let m = |c: u8| (f64::from(c) * (1.0 - amount.clamp(0.0, 1.0))).round() as u8;
    format!("#{:02x}{:02x}{:02x}", m(r), m(g), m(b))
}

/// White or near-black, whichever reads better on `hex` (WCAG relative luminance).
pub fn ink(hex: &str) -> &'static str {
    let (r, g, b) = rgb(hex);
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    // Contrast with white (1.05 / (l + 0.05)) against contrast with black ((l + 0.05) / 0.05).
    if 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 {
        "#ffffff"
    } else {
        "#111111"
    }
}

/// An id safe in an HTML `id` attribute and a CSS selector: other characters become `_`.
pub fn ident(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn colours_mix_and_pick_readable_ink() {
        assert_eq!(tint("#000000", 0.5), "#808080");
        assert_eq!(tint("#2f6fd0", 0.0), "#2f6fd0");
        assert_eq!(shade("#ffffff", 1.0), "#000000");
        assert_eq!(rgb("nonsense"), (0x80, 0x80, 0x80));
        assert_eq!(ink("#2f6fd0"), "#ffffff");
        assert_eq!(ink("#f0f0a0"), "#111111");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(2.345), "2.3");
    }
}
