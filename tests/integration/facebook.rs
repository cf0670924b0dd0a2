//! Facebook fixtures, with exact expected values.
