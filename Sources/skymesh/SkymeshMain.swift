import ArgumentParser
import Server

/// The process entry point: runs ``SkymeshCommand`` (its async `main`, so `serve` can await signals).
@main
enum SkymeshMain {
    static func main() async {
        await SkymeshCommand.main()
    }
}
