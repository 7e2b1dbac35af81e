//! Stage 3: pure functions of the model and the theme. Writes nothing.

pub mod context;
pub mod markdown;
pub mod theme;
