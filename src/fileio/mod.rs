//! Reading and writing the user's files safely: what the app reads is bounded and only ever
//! a regular file; what it writes replaces only a regular file, atomically, and never
//! leaves a temporary file behind for long.

pub mod read;
pub mod write;

pub use read::{ReadError, read_bounded};
pub use write::{Access, WriteError, write_atomically, write_atomically_with, write_private};
