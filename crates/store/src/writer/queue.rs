//! The queue between the parsing threads and the writer thread, bounded by the bytes of
//! the batches in it and in the writer's window rather than by their number: a batch of
//! short records and a batch of long posts differ tenfold in size.

use std::sync::{Arc, Condvar, Mutex, PoisonError};

use crossbeam_channel::{Receiver, Sender};

use super::Msg;
use super::batch::Batch;

/// Bytes the writer holds for one window, at most (the writer's window is filled from
/// this queue, so its size lives here).
pub(super) const WINDOW_BYTES: usize = 8 << 20;
/// A batch larger than this (one very large record) does not wait for room.
const OVERSIZED: usize = WINDOW_BYTES / 2;
/// Bytes of batches queued or held in the writer's window, at most: a window and a half,
/// so the parser goes on filling the next window while the writer writes one. It is at
/// least a window plus the largest batch that waits, so a sender never waits for room
/// that only a window not yet full could free: while the writer waits for batches, its
/// window holds less than `WINDOW_BYTES`.
const QUEUE_BYTES: usize = WINDOW_BYTES + OVERSIZED;

/// Bytes in flight, and whether the writer has stopped.
#[derive(Default)]
struct Budget {
    state: Mutex<(usize, bool)>,
    freed: Condvar,
}

/// The parsing side of the queue.
pub(super) struct QueueSender {
    tx: Sender<Msg>,
    budget: Arc<Budget>,
}

/// The writer's side of the queue.
pub(super) struct QueueReceiver {
    rx: Receiver<Msg>,
    budget: Arc<Budget>,
}

pub(super) fn queue() -> (QueueSender, QueueReceiver) {
    let (tx, rx) = crossbeam_channel::unbounded();
    let budget = Arc::new(Budget::default());
    (
        QueueSender {
            tx,
            budget: Arc::clone(&budget),
        },
        QueueReceiver { rx, budget },
    )
}

impl QueueSender {
    /// Sends a batch once there is room for it; `Err` if the writer has stopped.
    pub(super) fn send(&self, batch: Batch) -> Result<(), ()> {
        let bytes = batch.footprint();
        {
            let mut state = self
                .budget
                .state
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            while !state.1 && bytes <= OVERSIZED && state.0 + bytes > QUEUE_BYTES {
                state = self
                    .budget
                    .freed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            if state.1 {
                return Err(());
            }
            state.0 += bytes;
        }
        self.tx.send(Msg::Batch(batch)).map_err(|_| ())
    }

    /// Sends the last message of an import.
    pub(super) fn finish(&self, finished: Box<super::Finished>) -> Result<(), ()> {
        self.tx.send(Msg::Finish(finished)).map_err(|_| ())
    }
}

impl QueueReceiver {
    /// The next message; `None` when every sender is gone.
    pub(super) fn recv(&self) -> Option<Msg> {
        self.rx.recv().ok()
    }

    /// Gives back the room of batches the writer has written.
    pub(super) fn written(&self, batches: &[Batch]) {
        let bytes: usize = batches.iter().map(Batch::footprint).sum();
        let mut state = self
            .budget
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        state.0 = state.0.saturating_sub(bytes);
        drop(state);
        self.budget.freed.notify_all();
    }
}

impl Drop for QueueReceiver {
    /// The writer stopped: a sender waiting for room gives up instead of waiting forever.
    fn drop(&mut self) {
        let mut state = self
            .budget
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        state.1 = true;
        drop(state);
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(bytes: usize) -> Batch {
        let mut b = Batch::with_capacity(0);
        b.push_text(&"x".repeat(bytes));
        b.shrink_to_fit();
        b
    }

    #[test]
    fn a_sender_waits_for_room_and_goes_on_when_the_writer_has_written() {
        let (tx, rx) = queue();
        let size = batch(QUEUE_BYTES / 4).footprint();
        let sent = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            s.spawn(|| {
                for _ in 0..8 {
                    tx.send(batch(QUEUE_BYTES / 4)).unwrap();
                    sent.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
            });
            // Only as many as fit are queued, and the sender then waits.
            let fit = QUEUE_BYTES / size;
            while sent.load(std::sync::atomic::Ordering::SeqCst) < fit {
                std::thread::yield_now();
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
            assert_eq!(sent.load(std::sync::atomic::Ordering::SeqCst), fit);
            for _ in 0..8 {
                let Some(Msg::Batch(b)) = rx.recv() else {
                    panic!("a batch")
                };
                rx.written(std::slice::from_ref(&b));
            }
        });
        assert_eq!(sent.load(std::sync::atomic::Ordering::SeqCst), 8);
    }

    #[test]
    fn a_waiting_sender_gives_up_when_the_writer_stops() {
        let (tx, rx) = queue();
        std::thread::scope(|s| {
            let sender = s.spawn(|| {
                let mut results = Vec::new();
                for _ in 0..8 {
                    results.push(tx.send(batch(QUEUE_BYTES / 4)));
                }
                results
            });
            std::thread::sleep(std::time::Duration::from_millis(100));
            drop(rx);
            let results = sender.join().unwrap();
            assert!(results.iter().any(Result::is_err));
        });
    }

    #[test]
    fn an_oversized_batch_never_waits() {
        let (tx, rx) = queue();
        tx.send(batch(QUEUE_BYTES - 100)).unwrap();
        // More than the room left, but too large to wait for a window to be written.
        tx.send(batch(QUEUE_BYTES)).unwrap();
        assert!(matches!(rx.recv(), Some(Msg::Batch(_))));
        assert!(matches!(rx.recv(), Some(Msg::Batch(_))));
    }
}
