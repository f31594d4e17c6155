// swift-tools-version:6.2
import PackageDescription

/// libFuzzer targets over every parser TiplineCore and TiplineClient expose (`make fuzz`, `scripts/fuzz.sh`).
/// A separate package so the main build is untouched; build it with
/// `swift build --package-path Fuzz --scratch-path Fuzz/.build-fuzz -c debug \
///   -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library`.
let targets = [
    "FuzzEncoding", "FuzzTimestamp", "FuzzPaddedText", "FuzzKeys", "FuzzSignedForm", "FuzzDeadDrop",
    "FuzzUserMessages", "FuzzJournalistMessages", "FuzzSetupBundle", "FuzzClientFiles",
]

let package = Package(
    name: "TiplineFuzz",
    platforms: [.macOS(.v15)],
    products: targets.map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(name: "Tipline", path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(
            name: "FuzzSupport",
            dependencies: [
                "CLibFuzzer", .product(name: "TiplineCore", package: "Tipline"),
                .product(name: "TiplineClient", package: "Tipline"),
            ]),
    ]
        + targets.map { name in
            .executableTarget(
                name: name,
                dependencies: [
                    "FuzzSupport", .product(name: "TiplineCore", package: "Tipline"),
                    .product(name: "TiplineClient", package: "Tipline"),
                ])
        }
)
