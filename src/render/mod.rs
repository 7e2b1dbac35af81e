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
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
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
