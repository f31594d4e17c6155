import Foundation
import TiplineCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads vault passphrases: from an environment variable when set (for scripts and services), otherwise from the
/// terminal with echo turned off.
package enum PassphraseInput {
    /// The environment variable holding the vault passphrase.
    package static let environmentVariable = "TIPLINE_VAULT_PASSPHRASE"
    /// The environment variable holding a new passphrase (for `change-passphrase`).
    package static let newEnvironmentVariable = "TIPLINE_VAULT_NEW_PASSPHRASE"

    /// The passphrase of an existing vault.
    package static func existing() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let value = environment[environmentVariable], !value.isEmpty { return value }
        return try prompt("Vault passphrase: ")
    }

    /// A new passphrase, typed twice unless it comes from `variable`.
    package static func new(variable: String) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let value = environment[variable], !value.isEmpty { return value }
        let first = try prompt("New vault passphrase (at least \(VaultPassphrase.minimumLength) characters): ")
        guard try prompt("Type it again: ") == first else {
            throw JournalistError(.invalidInput, "the two passphrases differ")
        }
        return first
    }

    /// Prints `text` to standard error and reads one line from standard input without echo.
    static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        let isTerminal = isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &saved) == 0
        if isTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        defer {
            if isTerminal {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
        }
        guard let line = readLine(strippingNewline: true) else {
            throw JournalistError(.invalidInput, "no passphrase given (set \(environmentVariable) or use a terminal)")
        }
        return line
    }
}
