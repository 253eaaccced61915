using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using Holler.Persistence;
using Holler.Serialization;

namespace Holler.Tests.Support;

/// <summary>
/// A hosted test ActorSystem with Holler's serializer and Akka.Persistence.Sql on storage of its own (SQLite files or
/// a PostgreSQL database, <see cref="TestStorage"/>), deleted afterwards. Suites that must hold on every store derive
/// an abstract class from this and one sealed class per <see cref="StorageBackend"/>.
/// </summary>
public abstract class PersistenceTestKit(StorageBackend backend, string actorSystemName, ITestOutputHelper output)
    : Akka.Hosting.TestKit.TestKit(actorSystemName, output, startupTimeout: TimeSpan.FromSeconds(30)), IAsyncDisposable
{
    /// <summary>Generous: two cores run several test classes (and their ActorSystems) at once.</summary>
    protected static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected TestStorage Storage { get; } = TestStorage.Create(backend);

    protected string Directory => Storage.Directory;
    protected string JournalConnectionString => Storage.JournalConnectionString;
    protected string SnapshotConnectionString => Storage.SnapshotConnectionString;

    protected sealed override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
        builder
            .AddHollerSerialization()
            .AddSqlPersistence(Storage.Provider, JournalConnectionString, SnapshotConnectionString);
        ConfigureMore(builder, provider);
    }

    protected virtual void ConfigureMore(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
    }

    /// <summary>Re-implements <see cref="IAsyncDisposable"/> (the TestKit's is not virtual): the ActorSystem must be down
    /// before its database goes.</summary>
    public new async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            Storage.Dispose();
        }
    }

    /// <summary>Every event the journal would replay for <paramref name="persistenceId"/>, in order.</summary>
    protected IReadOnlyList<IPersistentRepresentation> ReadJournal(string persistenceId)
    {
        var probe = CreateTestProbe();
        Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null)
            .Tell(new ReplayMessages(0, long.MaxValue, long.MaxValue, persistenceId, probe.Ref), probe.Ref);
        var events = new List<IPersistentRepresentation>();
        while (true)
        {
            switch (probe.ReceiveOne(Long))
            {
                case ReplayedMessage replayed: events.Add(replayed.Persistent); break;
                case RecoverySuccess: return events;
                case var other: throw new InvalidOperationException($"Journal replay answered {other}");
            }
        }
    }

    /// <summary>The newest snapshot stored for <paramref name="persistenceId"/>, or null.</summary>
    protected SelectedSnapshot? ReadSnapshot(string persistenceId)
    {
        var probe = CreateTestProbe();
        Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null)
            .Tell(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), probe.Ref);
        return probe.ExpectMsg<LoadSnapshotResult>(Long).Snapshot;
    }

    /// <summary>Stops <paramref name="actor"/> with <paramref name="stopMessage"/> and waits until it has terminated.</summary>
    protected void StopAndAwait(IActorRef actor, object stopMessage)
    {
        var watcher = CreateTestProbe();
        watcher.Watch(actor);
        actor.Tell(stopMessage);
        watcher.ExpectTerminated(actor, Long);
    }
}
