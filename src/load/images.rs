//! The width and height of images in `content/`, read from their headers, so that pages
//! can reserve their space (no layout shift while an image loads).
//!
//! Raster formats are read by the imagesize crate; SVG (text) by its `width`/`height`
//! attributes or, failing those, its `viewBox`. An image whose size cannot be read simply
//! gets no size: that is never an error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// Width and height in CSS pixels.
pub type Size = (u32, u32);

/// The sizes of the images among `files` (relative to `root`).
pub fn sizes(root: &Path, files: &[PathBuf]) -> BTreeMap<PathBuf, Size> {
    files
        .par_iter()
        .filter_map(|path| {
            let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
            let full = root.join(path);
            let size = match ext.as_str() {
                "svg" => std::fs::read_to_string(&full)
                    .ok()
                    .and_then(|t| svg_size(&t)),
                "png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "bmp" | "ico" => {
                    imagesize::size(&full).ok().and_then(|s| {
                        Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?))
                    })
                }
                _ => None,
            }?;
            Some((path.clone(), size))
        })
        .collect()
}

/// The value of `name="..."` (or `'...'`) inside a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().last();
        let after = rest[i + name.len()..].trim_start();
        rest = &rest[i + name.len()..];
        if before.is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let Some(after) = after.strip_prefix('=') else {
            continue;
        };
        let after = after.trim_start();
        let quote = after.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let value = &after[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
    None
}

/// A length in pixels (`120`, `120px`, `120.5`); other units are not pixels.
fn pixels(value: &str) -> Option<u32> {
    let number = value.trim().trim_end_matches("px");
    let n: f64 = number.parse().ok()?;
    (n.is_finite() && n > 0.0 && n < 100_000.0).then(|| n.round() as u32)
}

/// The size of an SVG from its root element.
///
/// # Example
/// ```
/// use stagebord::load::images::svg_size;
/// assert_eq!(svg_size(r#"<svg xmlns="http://www.w3.org/2000/svg" width="160" height="80">"#), Some((160, 80)));
/// assert_eq!(svg_size(r#"<svg viewBox="0 0 640 480"><rect/></svg>"#), Some((640, 480)));
/// assert_eq!(svg_size("<svg width=\"50%\">"), None);
/// ```
pub fn svg_size(text: &str) -> Option<Size> {
    let start = text.find("<svg")?;
    let end = start + text[start..].find('>')?;
    let tag = &text[start..end];
    if let (Some(w), Some(h)) = (
        attribute(tag, "width").and_then(pixels),
        attribute(tag, "height").and_then(pixels),
    ) {
        return Some((w, h));
    }
    let view_box = attribute(tag, "viewBox")?;
    let numbers: Vec<f64> = view_box
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match numbers.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some((w.round() as u32, h.round() as u32)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_png_and_svg_headers() {
        let dir = tempfile::tempdir().unwrap();
        // A 3x2 PNG: signature and the IHDR chunk are all imagesize needs.
        let mut png = vec![
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
        ];
        png.extend_from_slice(&3u32.to_be_bytes());
        png.extend_from_slice(&2u32.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        std::fs::write(dir.path().join("a.png"), png).unwrap();
        std::fs::write(dir.path().join("b.svg"), "<svg viewBox='0 0 30 20'/>").unwrap();
        std::fs::write(dir.path().join("c.pdf"), "%PDF").unwrap();
        let files = [
            PathBuf::from("a.png"),
            PathBuf::from("b.svg"),
            PathBuf::from("c.pdf"),
        ];
        let got = sizes(dir.path(), &files);
        assert_eq!(got.get(Path::new("a.png")), Some(&(3, 2)));
        assert_eq!(got.get(Path::new("b.svg")), Some(&(30, 20)));
        assert!(!got.contains_key(Path::new("c.pdf")));
    }

    #[test]
    fn attributes_are_matched_whole() {
        assert_eq!(
            attribute(r#"<svg stroke-width="2" width="10""#, "width"),
            Some("10")
        );
        assert_eq!(attribute("<svg data-height='3'", "height"), None);
    }
}
