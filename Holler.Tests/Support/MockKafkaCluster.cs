using System.Runtime.InteropServices;

namespace Holler.Tests.Support;

/// <summary>
/// librdkafka's mock Kafka cluster (the embedded broker), owned through librdkafka's C API so a test can take its
/// broker down and bring it back with the log intact: <c>rd_kafka_mock_broker_set_down</c> closes every client
/// connection and refuses new ones, <c>…_set_up</c> serves again. A relay in front of the broker would not do: clients
/// learn the broker's own address from metadata and connect there directly, past the relay; stopping a
/// <c>holler kafka-dev</c> process (SIGSTOP) would only freeze it, its connections open and accepting.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private const string Library = "librdkafka";
    private readonly IntPtr _client;
    private readonly IntPtr _cluster;

    static MockKafkaCluster()
    {
        // The very library Confluent.Kafka loaded (it is loaded first, here): from the runtimes folder next to the
        // tests, the plain build or, where that one's dependencies (libsasl2 …) are missing, the self-contained one.
        _ = Confluent.Kafka.Library.Version;
        NativeLibrary.SetDllImportResolver(typeof(MockKafkaCluster).Assembly, (name, _, _) =>
        {
            if (name != Library) return IntPtr.Zero;
            var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            var folder = Path.Combine(AppContext.BaseDirectory, "runtimes", $"linux-{arch}", "native");
            foreach (var file in new[] { "librdkafka.so", "centos8-librdkafka.so" })
                if (NativeLibrary.TryLoad(Path.Combine(folder, file), out var handle)) return handle;
            return IntPtr.Zero;
        });
    }

    private MockKafkaCluster(IntPtr client, IntPtr cluster, string bootstrapServers)
    {
        _client = client;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public static MockKafkaCluster Start()
    {
        var conf = rd_kafka_conf_new();
        var error = new byte[512];
        foreach (var (key, value) in new[] { ("test.mock.num.brokers", "1"), ("log_level", "0") })
            if (rd_kafka_conf_set(conf, key, value, error, (UIntPtr)error.Length) != 0)
                throw new InvalidOperationException($"librdkafka refused {key}: {Text(error)}");
        var client = rd_kafka_new(0 /* producer */, conf, error, (UIntPtr)error.Length);
        if (client == IntPtr.Zero) throw new InvalidOperationException($"librdkafka client: {Text(error)}");
        var cluster = rd_kafka_handle_mock_cluster(client);
        var bootstrap = cluster == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(cluster));
        if (string.IsNullOrEmpty(bootstrap))
        {
            rd_kafka_destroy(client);
            throw new InvalidOperationException("librdkafka started no mock cluster");
        }
        return new MockKafkaCluster(client, cluster, bootstrap);
    }

    /// <summary>The broker goes away: connections closed, new ones refused; its log stays.</summary>
    public void BrokerDown() => Check(rd_kafka_mock_broker_set_down(_cluster, 1), "set_down");

    public void BrokerUp() => Check(rd_kafka_mock_broker_set_up(_cluster, 1), "set_up");

    public void Dispose() => rd_kafka_destroy(_client);

    private static void Check(int error, string what)
    {
        if (error != 0) throw new InvalidOperationException($"rd_kafka_mock_broker_{what} failed with error {error}");
    }

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\0');

    [DllImport(Library)] private static extern IntPtr rd_kafka_conf_new();
    [DllImport(Library)] private static extern int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] error, UIntPtr size);
    [DllImport(Library)] private static extern IntPtr rd_kafka_new(int type, IntPtr conf, byte[] error, UIntPtr size);
    [DllImport(Library)] private static extern void rd_kafka_destroy(IntPtr client);
    [DllImport(Library)] private static extern IntPtr rd_kafka_handle_mock_cluster(IntPtr client);
    [DllImport(Library)] private static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);
    [DllImport(Library)] private static extern int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);
    [DllImport(Library)] private static extern int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);
}
