//! The `stagebord` binary: parses arguments, calls the library, prints what happened.
//! No logic lives here.

mod cli;

/// Rendering allocates many small strings on every core; mimalloc handles that far better
/// than the system allocator (see the README's performance section).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use cli::{Cli, Command, NewKind};
use stagebord::diagnostics::Severity;
use stagebord::scaffold;
use stagebord::{Report, Summary, display_path};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    match cli.command {
        Command::Build(args) => {
            let options = args.portal.options(args.output_dir);
            let report = stagebord::build(&options);
            if args.timings {
                for stage in &report.timings.stages {
                    let memory = stage.memory.map_or_else(String::new, |m| {
                        format!(
                            "   {:6.0} MB resident, {:6.0} MB at most",
                            mb(m.resident),
                            mb(m.peak)
                        )
                    });
                    eprintln!(
                        "{:>18}: {:8.1} ms{memory}",
                        stage.name,
                        stage.took.as_secs_f64() * 1000.0
                    );
                }
            }
            let target = display_path(&options.output());
            finish(&report, false, |s| {
                format!(
                    "{} -> {}/ in {:.2} s{}",
                    counts(s),
                    target,
                    started.elapsed().as_secs_f64(),
                    next_change(s)
                )
            })
        }
        Command::Check(args) => {
            let report = stagebord::check(&args.portal.options(None));
            if args.format == cli::Format::Json {
                println!("{}", stagebord::diagnostics::to_json(&report.diagnostics));
                return exit_code(&report, args.strict);
            }
            finish(&report, args.strict, |s| {
                format!(
                    "{} checked in {:.2} s",
                    counts(s),
                    started.elapsed().as_secs_f64()
                )
            })
        }
        Command::NextChange(args) => match stagebord::next_change(&args.options(None)) {
            Ok(Some(at)) => {
                println!("{at}");
                ExitCode::SUCCESS
            }
            Ok(None) => ExitCode::FAILURE,
            Err(report) => finish(&report, false, |_| String::new()),
        },
        Command::Init { dir } => match scaffold::init(&dir) {
            Ok(files) => {
                println!(
                    "created a new portal in {} ({} files); build it with: cd {} && stagebord build",
                    display_path(&dir),
                    files,
                    display_path(&dir)
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::New(args) => {
            let kind = match args.kind {
                NewKind::Vacancy => scaffold::NewKind::Vacancy,
                NewKind::Organisation => scaffold::NewKind::Organisation,
                NewKind::Brochure => scaffold::NewKind::Brochure,
            };
            match scaffold::new_file(&args.root, kind, &args.slug, args.organisation.as_deref()) {
                Ok(path) => {
                    println!("wrote {}", display_path(&path));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve(args) => match stagebord::serve::run(args.options()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// "31 vacancies (27 open), 6 organisations, 4 brochures".
fn counts(s: &Summary) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "{} ({} open on {}), {}, {}",
        plural(s.vacancies, "vacancy", "vacancies"),
        s.open,
        s.today.0,
        plural(s.organisations, "organisation", "organisations"),
        plural(s.brochures, "brochure", "brochures"),
    );
    if s.events > 0 {
        line.push_str(&format!(", {}", plural(s.events, "event", "events")));
    }
    line
}

/// "; next change 2026-12-01T00:00:00+01:00: 2 vacancies close".
fn next_change(s: &Summary) -> String {
    match &s.next_change {
        Some((at, reasons)) => format!("; next change {at}: {}", reasons.join(", ")),
        None => String::new(),
    }
}

/// 0 when the run succeeded (and, with `strict`, found no warning); 1 otherwise.
fn exit_code(report: &Report, strict: bool) -> ExitCode {
    let warnings = report
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning);
    if report.outcome.is_ok() && !(strict && warnings) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints every diagnostic and the summary line; picks the exit code.
fn finish(report: &Report, strict: bool, line: impl Fn(&Summary) -> String) -> ExitCode {
    for d in &report.diagnostics {
        eprintln!("{d}\n");
    }
    let count = |severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let counted = match (errors, warnings, notes) {
        (0, 0, 0) => String::new(),
        (e, w, 0) => format!(" ({}, {})", plural(e, "error"), plural(w, "warning")),
        (e, w, n) => format!(
            " ({}, {}, {})",
            plural(e, "error"),
            plural(w, "warning"),
            plural(n, "note")
        ),
    };
    match &report.outcome {
        Ok(summary) if strict && warnings > 0 => {
            eprintln!("{}{counted}: failed because of --strict", line(summary));
            ExitCode::FAILURE
        }
        Ok(summary) => {
            println!("{}{counted}", line(summary));
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("error: {failure}{counted}");
            ExitCode::FAILURE
        }
    }
}

/// Bytes as megabytes (10^6), as `--timings` shows memory.
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
