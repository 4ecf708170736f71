import Foundation

/// Runs an external command without blocking a concurrency thread, with a time limit.
public enum ProcessRunner {
    public struct Output: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// Runs `executable` with `arguments`; the process is killed after `timeout`.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(120)) async throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let collected = Collected()
        output.fileHandleForReading.readabilityHandler = { collected.append(out: $0.availableData) }
        errors.fileHandleForReading.readabilityHandler = { collected.append(err: $0.availableData) }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: FoyerError(.internalError, "cannot run \(executable): \(error.localizedDescription)"))
                return
            }
            let pid = process.processIdentifier
            Task {
                try? await Task.sleep(for: timeout)
                if process.isRunning, process.processIdentifier == pid { process.terminate() }
            }
        }
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        collected.append(out: output.fileHandleForReading.readDataToEndOfFile())
        collected.append(err: errors.fileHandleForReading.readDataToEndOfFile())
        return Output(status: status, standardOutput: collected.out, standardError: collected.err)
    }

    /// Output gathered from the pipes' handlers, which run on other threads.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var outData = Data(), errData = Data()

        func append(out data: Data) { lock.withLock { outData.append(data) } }
        func append(err data: Data) { lock.withLock { errData.append(data) } }
        var out: String { lock.withLock { String(decoding: outData, as: UTF8.self) } }
        var err: String { lock.withLock { String(decoding: errData, as: UTF8.self) } }
    }
}
