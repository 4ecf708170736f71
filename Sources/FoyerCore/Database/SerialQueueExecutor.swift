import Dispatch

/// A task executor that runs its jobs one at a time on a serial dispatch queue, outside Swift's
/// cooperative pool: a writer holding the database's one write lock resumes after each query
/// without waiting for a pool thread that CPU-bound request work is occupying.
public final class SerialQueueExecutor: TaskExecutor {
    private let queue: DispatchQueue

    public init(label: String) { queue = DispatchQueue(label: label) }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
