//! Hyves fixtures, with exact expected values.
