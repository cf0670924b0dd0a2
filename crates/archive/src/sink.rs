//! Where parsed records go: the [`RecordSink`] every writer implements, and the
//! [`SplitSink`] a sink hands to a task of [`crate::ParseContext::parallel`] on another
//! thread. A leaf module: the parse context and the parallel driver both build on it.

use std::any::Any;

use freehold_model::Record;

use crate::Error;

/// Where records go: a database, a JSON writer, a counter, a test's `Vec`.
pub trait RecordSink {
    /// Takes one record. `path` is the file inside the archive it came from and
    /// `locator` the position inside that file.
    fn push(&mut self, record: Record, path: &str, locator: String) -> Result<(), Error>;

    /// A sink for one task of [`crate::ParseContext::parallel`] on another thread, or `None`
    /// (the default) when this sink only works on its own thread; tasks then run one
    /// after another.
    fn split(&self) -> Option<Box<dyn SplitSink + '_>> {
        None
    }

    /// Takes a part made by one of this sink's split sinks. Parts arrive in task order.
    fn absorb(&self, part: Part) -> Result<(), Error> {
        let _ = part;
        Err(Error::Sink("this sink does not take parts".into()))
    }
}

impl RecordSink for Vec<Record> {
    fn push(&mut self, record: Record, _path: &str, _locator: String) -> Result<(), Error> {
        Vec::push(self, record);
        Ok(())
    }
}

/// What a [`SplitSink`] hands over: opaque to the parser, understood by the sink that
/// split it off.
pub type Part = Box<dyn Any + Send>;

/// A sink for the records of one task run on another thread. It gathers records into
/// parts; the parent sink's [`RecordSink::absorb`] receives them in task order.
pub trait SplitSink: RecordSink + Send {
    /// A part ready to be handed over (for example a full batch), if any.
    fn take_ready(&mut self) -> Option<Part>;
    /// Everything not handed over yet, once the task is done.
    fn take_rest(&mut self) -> Option<Part>;
}
