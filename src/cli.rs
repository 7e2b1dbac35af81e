//! The command line: clap types and their translation into [`BuildOptions`]. Reads no files.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use stagebord::BuildOptions;

/// stagebord: build static internship vacancy portals.
#[derive(Debug, Parser)]
#[command(name = "stagebord", version, about, long_about = None)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Render the portal into its output folder (public/ by default).
    Build(BuildArgs),
    /// Check the portal and list every problem and piece of advice, writing nothing.
    Check(CheckArgs),
    /// Create a new portal with one example of each kind of content.
    Init {
        /// The folder to create (must be empty or absent).
        dir: PathBuf,
    },
    /// Write a new content file with every key explained.
    New(NewArgs),
    /// Print when the built portal goes out of date (RFC 3339), for a scheduler; exit 1 when never.
    NextChange(PortalArgs),
    /// Preview the portal in a browser: build, serve, and rebuild and reload on every change.
    Serve(ServeArgs),
}

/// Where the portal is and how to judge it.
#[derive(Debug, Args)]
pub(crate) struct PortalArgs {
    /// The portal folder (with portal.toml).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// The date deadlines are judged against (default: SOURCE_DATE_EPOCH, else today in the portal's time zone).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) today: Option<String>,
    /// Include vacancies marked `draft = true`.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Use this base URL instead of portal.toml's.
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
}

/// `stagebord build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// The portal.
    #[command(flatten)]
    pub(crate) portal: PortalArgs,
    /// Where to write the portal (default: ROOT/public).
    #[arg(long, value_name = "DIR")]
    pub(crate) output_dir: Option<PathBuf>,
    /// Print how long each stage took (to stderr).
    #[arg(long)]
    pub(crate) timings: bool,
}

/// `stagebord check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The portal.
    #[command(flatten)]
    pub(crate) portal: PortalArgs,
    /// Treat warnings as errors (exit code 1 when there are any).
    #[arg(long)]
    pub(crate) strict: bool,
    /// How to print the problems: `text` for people, `json` for editors and CI annotations.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

/// How `check` prints what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// `path:line:column: warning[rule]: message`, with the source line.
    Text,
    /// A JSON array of `{file, line, column, severity, rule, phrase, message, help}` on stdout.
    Json,
}

/// The kinds of file `new` can write.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum NewKind {
    /// content/vacancies/[ORG/]SLUG.md
    Vacancy,
    /// content/organisations/SLUG.md
    Organisation,
    /// content/brochures/SLUG.md
    Brochure,
}

/// `stagebord new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// What to write.
    pub(crate) kind: NewKind,
    /// The file's slug (its name without .md).
    pub(crate) slug: String,
    /// The organisation (for a vacancy or brochure).
    #[arg(long)]
    pub(crate) organisation: Option<String>,
    /// The portal folder.
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
}

/// `stagebord serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The portal folder (with portal.toml).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
    /// The address to listen on; anything but 127.0.0.1 or ::1 makes the preview reachable from other machines.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub(crate) interface: IpAddr,
    /// The port to listen on (0: any free port; the URL printed says which).
    #[arg(long, default_value_t = 1111)]
    pub(crate) port: u16,
    /// The date deadlines are judged against (default: SOURCE_DATE_EPOCH, else today in the portal's time zone).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) today: Option<String>,
    /// Include vacancies marked `draft = true`.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub(crate) open: bool,
}

impl ServeArgs {
    /// The library's options.
    pub(crate) fn options(&self) -> stagebord::serve::ServeOptions {
        let mut build = BuildOptions::new(self.root.clone());
        build.today = self.today.clone();
        build.drafts = self.drafts;
        stagebord::serve::ServeOptions {
            build,
            interface: self.interface,
            port: self.port,
            open: self.open,
        }
    }
}

impl PortalArgs {
    /// The library's options.
    pub(crate) fn options(&self, output_dir: Option<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output_dir,
            today: self.today.clone(),
            drafts: self.drafts,
            base_url: self.base_url.clone(),
        }
    }
}
