//! Stage 1: from disk to source files. Reads `content/`; judges nothing.

pub mod fields;
pub mod front_matter;
pub mod images;
pub mod walk;
