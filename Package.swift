// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Warta",
    products: [
        .executable(name: "warta", targets: ["warta"]),
        .library(name: "WartaCore", targets: ["WartaCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // The one place libcmark enters: see Render/Markdown.swift.
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // mimalloc in place of glibc's malloc for the whole process (see Sources/warta/Allocator.swift).
        .systemLibrary(
            name: "CMimalloc",
            providers: [.apt(["libmimalloc-dev"])]
        ),
        // Tiny POSIX calls Swift's Glibc overlay does not export (renameat2 for the atomic swap, a
        // fork that sets PR_SET_PDEATHSIG in the child).
        .target(name: "CWartaSys"),
        .target(
            name: "WartaCore",
            dependencies: [
                "CCMark", "CWartaSys",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WartaServe",
            dependencies: [
                "WartaCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WartaPublish",
            dependencies: [
                "WartaCore", "CWartaSys",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "warta",
            dependencies: [
                "WartaCore", "WartaServe", "WartaPublish", "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Helpers every test target shares (the sample site, folder snapshots).
        .target(
            name: "WartaTestSupport",
            path: "Tests/WartaTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaCoreTests",
            dependencies: ["WartaCore", "WartaTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaServeTests",
            dependencies: ["WartaServe", "WartaCore", "WartaTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaPublishTests",
            dependencies: ["WartaPublish", "WartaCore", "WartaTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WartaCLITests",
            dependencies: ["warta", "WartaTestSupport"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
