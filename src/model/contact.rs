//! A person to ask: a vacancy's contact or an organisation's internship coordinator.

/// Who answers questions. Every part is optional but at least a name or an address is set.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Contact {
    /// Full name.
    pub name: Option<String>,
    /// Role, e.g. "stagecoördinator".
    pub role: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number as written.
    pub phone: Option<String>,
}
