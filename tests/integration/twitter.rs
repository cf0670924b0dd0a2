//! Twitter fixtures, with exact expected values (see fixtures/twitter/EXPECTED.md).
