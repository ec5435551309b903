//! The schema walk: the walker, which validates any type by the layer's
//! table, and the dynamic view over what it validated (`Object`, TL JSON).
//! The crate root re-exports each module.

#[cfg(feature = "names")]
pub mod json;
#[cfg(feature = "layer230")]
pub(crate) mod layer230;
pub(crate) mod layers;
pub mod object;
pub mod walk;
