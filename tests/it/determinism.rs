//! The same input and `--today` give byte-identical output, whatever the order in which
//! the files were written to disk and however many threads render.

use crate::harness::{PortalTest, copy_dir, tree};

#[test]
fn two_builds_are_byte_identical() {
    let p = PortalTest::example();
    p.build().success();
    let first = tree(&p.public());
    p.build().success();
    assert_eq!(tree(&p.public()), first);
}

#[test]
fn a_copy_written_in_another_order_builds_the_same_bytes() {
    let a = PortalTest::fixture("full");
    a.build_with(&["--drafts"]).success();
    let b = PortalTest::empty();
    // Write the files in reverse order, so directory order on disk differs.
    let mut files: Vec<_> = tree(&a.root)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("public"))
        .collect();
    files.reverse();
    for (path, bytes) in files {
        let full = b.root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
    let root = b.root.to_str().unwrap();
    let run = b.run(&["build", "--root", root, "--today", "2026-11-23", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(tree(&b.public()), tree(&a.public()));
    let _ = copy_dir;
}

#[test]
fn source_date_epoch_sets_today_when_no_flag_is_given() {
    let p = PortalTest::fixture("full");
    let root = p.root.to_str().unwrap().to_string();
    // 2026-11-24T12:00:00Z: sluit-vandaag (closes 2026-11-23) is closed.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stagebord"))
        .args(["build", "--root", &root])
        .env("SOURCE_DATE_EPOCH", "1795521600")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("open on 2026-11-24"), "{stdout}");
}
