namespace Holler.Tests.Web;

/// <summary>Where browser tests leave what a person may want to look at: <c>artifacts/screenshots/</c> and
/// <c>artifacts/measurements/</c> at the repository root (next to the TRX files of <c>./build.sh test</c>).</summary>
public static class Artifacts
{
    public static string Screenshots => Folder("screenshots");

    public static string Measurements => Folder("measurements");

    private static string Folder(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Holler.sln"))) dir = dir.Parent;
        var root = dir?.FullName ?? AppContext.BaseDirectory;
        var path = Path.Combine(root, "artifacts", name);
        Directory.CreateDirectory(path);
        return path;
    }
}
