//! LinkedIn fixtures, with exact expected values.
