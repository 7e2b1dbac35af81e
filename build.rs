//! Compiles the default theme into the binary, so that a portal needs no `themes/` folder.
//!
//! Writes `$OUT_DIR/default_theme.rs`: a sorted list of (path, bytes) for every file under
//! `themes/default/`, included by `src/render/theme.rs`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let theme = manifest.join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut list = Vec::new();
    if theme.is_dir() {
        files(&theme, &mut list)?;
    }
    list.sort();
    let mut code = String::from(
        "/// Every file of the built-in default theme: (path below the theme folder, contents).\npub(crate) static DEFAULT_THEME: &[(&str, &[u8])] = &[\n",
    );
    for path in list {
        let relative = path
            .strip_prefix(&theme)?
            .to_string_lossy()
            .replace('\\', "/");
        if relative.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        writeln!(
            code,
            "    ({relative:?}, include_bytes!({:?})),",
            path.to_string_lossy()
        )?;
    }
    code.push_str("];\n");
    std::fs::write(
        PathBuf::from(std::env::var("OUT_DIR")?).join("default_theme.rs"),
        code,
    )?;
    Ok(())
}
