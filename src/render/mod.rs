//! Stage 3: pure functions of the model and the theme. Writes nothing.

pub mod context;
pub mod markdown;
pub mod theme;

/// Escapes text for HTML element content and quoted attribute values (for the few pieces
/// of HTML stagebord writes itself, outside tera's autoescaping).
///
/// # Example
/// ```
/// assert_eq!(stagebord::render::escape_html(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
/// ```
pub fn escape_html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail, and only whole UTF-8 sequences are written.
    let _ = escape_html_to(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`escape_html`] into a writer: the same five replacements as [`tera::escape_html`],
/// with the runs between them copied whole. Also the theme's autoescaping.
pub fn escape_html_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let replacement: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        if start < i {
            out.write_all(&bytes[start..i])?;
        }
        out.write_all(replacement)?;
        start = i + 1;
    }
    if start < bytes.len() {
        out.write_all(&bytes[start..])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping_is_teras_escaping() {
        for text in [
            "",
            "plain text",
            "<a href=\"/x?a=1&b='2'\">Tom & Jerry</a>",
            "&&<<>>\"\"''",
            "financiën — €450 ✓ 😀 &amp;",
            "ends with &",
        ] {
            let mut teras = Vec::new();
            tera::escape_html(text, &mut teras).unwrap();
            assert_eq!(super::escape_html(text).as_bytes(), teras, "{text:?}");
        }
    }
}
