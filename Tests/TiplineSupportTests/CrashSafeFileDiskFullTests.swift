import Foundation
import Testing
import TiplineTestSupport

@testable import TiplineSupport

/// ``CrashSafeFile`` on a real full disk (a small tmpfs): the write fails with a clear "no space" error, the old file
/// stays byte for byte, no temporary is left, and the same write succeeds once space is free again.
@Suite("CrashSafeFile on a full disk", .enabled(if: SmallFileSystem.isAvailable, "needs root to mount a tmpfs"))
struct CrashSafeFileDiskFullTests {
    /// No space at all (the first write of the temporary fails), and some space (a short write, then `ENOSPC`).
    @Test(arguments: [0, 16 * 1024])
    func aWriteOverAnExistingFileOnAFullDiskKeepsTheOldFile(headroom: Int) throws {
        let disk = try SmallFileSystem(bytes: 512 * 1024)
        defer { disk.unmount() }
        let path = disk.file("state.json")
        let old = (0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let new = (0..<120_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        try CrashSafeFile.write(old, to: path)
        try disk.fill(leaving: headroom)

        let error = #expect(throws: FileError.self) { try CrashSafeFile.write(new, to: path) }
        #expect(error?.code == .write)
        #expect(error?.number == ENOSPC)
        #expect(error?.isDiskFull == true)
        // The message names the file being replaced (not the temporary, not the folder) and the reason.
        #expect(error?.message == "cannot write state.json: No space left on device")
        #expect(try CrashSafeFile.read(path) == old)
        #expect(try temporaries(in: disk) == [])

        disk.free()
        try CrashSafeFile.write(new, to: path)
        #expect(try CrashSafeFile.read(path) == new)
        #expect(try temporaries(in: disk) == [])
    }

    private func temporaries(in disk: SmallFileSystem) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: disk.path).filter {
            $0.hasPrefix(CrashSafeFile.temporaryMarker)
        }
    }
}
