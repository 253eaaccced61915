using Holler.Host.Configuration;
using Holler.Host.Node;
using Holler.Tests.Support;
using Holler.Web.Access;

namespace Holler.Tests.Access;

/// <summary>
/// A node with the dashboard behind sign-in: built-in users of each role (a business user with two businesses of its
/// own), lockout after three wrong passwords. Trackers and the leaderboard run so a business's page has its tracker; no
/// ingest, so no Kafka is needed.
/// </summary>
public sealed class SignInNodeFixture : IAsyncLifetime
{
    public const string Password = "a long password for tests";
    public const int MaxFailures = 3;

    private readonly TempDir _data = new();

    public HollerNode Node { get; private set; } = null!;

    public Uri Dashboard => Node.Endpoints.DashboardUrl!;

    /// <summary>The business user's own businesses.</summary>
    public IReadOnlyList<string> Owned => [Node.Catalog[3].Id, Node.Catalog[4].Id];

    public async ValueTask InitializeAsync()
    {
        var config = TestNodes.Config("127.0.0.1:9", _data.Path, businesses: 50, o =>
        {
            o.Roles = "tracker,leaderboard,web";
            // The catalog the node will load, to give the business user two of its businesses.
            var catalog = CatalogLoader.Load(o.Catalog);
            o.Web.Lockout.MaxFailures = MaxFailures;
            o.Web.Users["viewer"] = User("viewer", HollerRoles.Viewer);
            o.Web.Users["analyst"] = User("analyst", HollerRoles.Analyst);
            o.Web.Users["locky"] = User("locky", HollerRoles.Viewer);
            o.Web.Users["wrongy"] = User("wrongy", HollerRoles.Viewer);
            o.Web.Users["leaver"] = User("leaver", HollerRoles.Viewer);
            o.Web.Users["owner"] = User("owner", HollerRoles.Business, $"{catalog[3].Id},{catalog[4].Id}");
        });
        Node = await TestNodes.StartAsync(config);
    }

    private static WebUserOptions User(string name, string role, string businesses = "") =>
        new() { PasswordHash = PasswordSignIn.Hash(name, Password), Role = role, Businesses = businesses };

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        _data.Dispose();
    }
}
