//! An organisation that offers placements, and its profile.

use super::contact::Contact;
use super::slug::Slug;
use super::terms::OrganisationKind;
use super::{Asset, Body, Source};

/// A validated organisation. Built only by `validate`.
#[derive(Debug, Clone)]
pub struct Organisation {
    /// Unique among organisations; the URL is `/organisaties/<slug>/`.
    pub slug: Slug,
    /// The file it came from.
    pub source: Source,
    /// "Gemeente Lindewoude".
    pub name: String,
    /// What kind of body it is.
    pub kind: Option<OrganisationKind>,
    /// Its website (http or https).
    pub website: Option<String>,
    /// The one central internship address.
    pub email: Option<String>,
    /// Phone number as written.
    pub phone: Option<String>,
    /// Town or city.
    pub city: Option<String>,
    /// Province or region.
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 country (`NL`, `BE`); the portal's `country` when not stated.
    pub country: Option<String>,
    /// Logo image.
    pub logo: Option<Asset>,
    /// Number of employees.
    pub employees: Option<u32>,
    /// Interns taken on per year.
    pub interns_per_year: Option<u32>,
    /// Recognised training company (SBB erkend leerbedrijf).
    pub sbb_recognised: bool,
    /// The internship coordinator.
    pub coordinator: Option<Contact>,
    /// Awards, newest first.
    pub awards: Vec<Award>,
    /// Application rounds, in the order of their opening.
    pub rounds: Vec<super::event::Round>,
    /// The profile text.
    pub body: Body,
}

/// An award the organisation received.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Award {
    /// The year.
    pub year: i32,
    /// "Beste stagebedrijf gemeenten en waterschappen".
    pub title: String,
}
