import Foundation
import FuzzTargets

#if FUZZING
/// libFuzzer's driver, linked in by `-sanitize=fuzzer`; SwiftPM gives executables their own
/// `main`, so the target starts the driver itself rather than using libFuzzer's.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The input hook libFuzzer's own `main` looks for, when the linker picks that one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ParserFuzzing.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#endif

/// With `-DFUZZING` (`scripts/fuzz`), runs libFuzzer over the parsers; without it, replays the
/// files or folders given (the seed corpus, or an input the fuzzer saved).
@main
enum FuzzEntry {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzOne))
        #else
        for path in CommandLine.arguments.dropFirst() {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path).map { path + "/" + $0 }) ?? [path]
            for file in files.sorted() {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                ParserFuzzing.run(Array(data))
            }
            print("replayed \(files.count) inputs from \(path)")
        }
        #endif
    }
}
