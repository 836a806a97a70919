using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProfileHub.Deploy.Tests.Templating;

namespace ProfileHub.Deploy.Tests;

public sealed partial class ChartTests
{
    private static readonly Dictionary<string, object?> SqlServerAtScale = new()
    {
        ["storage.provider"] = "sqlserver",
        ["storage.sqlserver.existingSecret"] = "profilehub-sql",
        ["replicaCount"] = 3L,
        ["autoscaling.enabled"] = true,
        ["metrics.serviceMonitor.enabled"] = true,
        ["redis.host"] = "redis-master",
        ["redis.existingSecret"] = "profilehub-redis",
        ["auth.existingSecret"] = "profilehub-auth",
    };

    [Fact]
    public void Default_values_render_a_single_sqlite_replica_with_a_volume_and_no_autoscaler()
    {
        var chart = RenderedChart.Render();

        Assert.Equal(["ConfigMap", "Deployment", "PersistentVolumeClaim", "PodDisruptionBudget", "Service", "ServiceAccount"], chart.Kinds.Order(StringComparer.Ordinal));
        var deployment = chart.OfKind("Deployment");
        Assert.Equal(1, deployment["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal("Recreate", deployment["spec"]!["strategy"]!["type"]!.GetValue<string>());
        var container = Container(deployment);
        Assert.Contains(container["volumeMounts"]!.AsArray(), m => m!["mountPath"]!.GetValue<string>() == "/data");
        Assert.Equal("Data Source=/data/profilehub.db", Env(container, "ProfileHub__Storage__ConnectionString")!["value"]!.GetValue<string>());
        var claim = deployment["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "data")!;
        Assert.Equal(chart.OfKind("PersistentVolumeClaim")["metadata"]!["name"]!.GetValue<string>(), claim["persistentVolumeClaim"]!["claimName"]!.GetValue<string>());
    }

    [Fact]
    public void Probes_are_kubernetes_grpc_probes_on_the_grpc_port()
    {
        var container = Container(RenderedChart.Render().OfKind("Deployment"));

        foreach (var probe in new[] { "livenessProbe", "readinessProbe" })
        {
            Assert.Equal(8080, container[probe]!["grpc"]!["port"]!.GetValue<long>());
        }

        Assert.Contains(container["ports"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "grpc" && p["containerPort"]!.GetValue<long>() == 8080);
    }

    [Fact]
    public void Pods_run_non_root_with_a_read_only_root_and_no_capabilities()
    {
        var deployment = RenderedChart.Render().OfKind("Deployment");
        var pod = deployment["spec"]!["template"]!["spec"]!;
        var container = Container(deployment);

        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal("RuntimeDefault", pod["securityContext"]!["seccompProfile"]!["type"]!.GetValue<string>());
        Assert.True(container["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.False(container["securityContext"]!["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.Equal(["ALL"], container["securityContext"]!["capabilities"]!["drop"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.NotNull(container["resources"]!["requests"]!["memory"]);
        Assert.Contains(container["volumeMounts"]!.AsArray(), m => m!["mountPath"]!.GetValue<string>() == "/tmp");
    }

    [Fact]
    public void Service_names_the_grpc_port_with_the_h2c_app_protocol_beside_the_metrics_port()
    {
        var ports = RenderedChart.Render().OfKind("Service")["spec"]!["ports"]!.AsArray();

        var grpc = Assert.Single(ports, p => p!["name"]!.GetValue<string>() == "grpc")!;
        Assert.Equal("kubernetes.io/h2c", grpc["appProtocol"]!.GetValue<string>());
        Assert.Equal(9090, Assert.Single(ports, p => p!["name"]!.GetValue<string>() == "metrics")!["port"]!.GetValue<long>());
    }

    [Fact]
    public void ConfigMap_holds_appsettings_json_mounted_for_the_environment()
    {
        var chart = RenderedChart.Render(new Dictionary<string, object?> { ["environment"] = "Staging" });

        var json = chart.OfKind("ConfigMap")["data"]!["appsettings.json"]!.GetValue<string>();
        var settings = JsonNode.Parse(json)!;
        Assert.Equal("US", settings["ProfileHub"]!["Identity"]!["DefaultCountry"]!.GetValue<string>());
        Assert.Equal("Warning", settings["Logging"]!["LogLevel"]!["Microsoft.AspNetCore"]!.GetValue<string>());
        var mount = Container(chart.OfKind("Deployment"))["volumeMounts"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "config")!;
        Assert.Equal("/app/appsettings.Staging.json", mount["mountPath"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("replicaCount", 2L, "exactly one replica")]
    [InlineData("autoscaling.enabled", true, "cannot autoscale")]
    [InlineData("persistence.enabled", false, "needs persistence.enabled=true")]
    [InlineData("storage.provider", "postgres", "must be sqlite or sqlserver")]
    public void Sqlite_layouts_that_would_share_or_lose_the_file_are_refused(string key, object value, string message)
    {
        var error = Assert.Throws<TemplateException>(() => RenderedChart.Render(new Dictionary<string, object?> { [key] = value }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_server_needs_the_connection_string_secret()
    {
        var error = Assert.Throws<TemplateException>(() => RenderedChart.Render(new Dictionary<string, object?> { ["storage.provider"] = "sqlserver" }));

        Assert.Contains("storage.sqlserver.existingSecret is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_server_at_scale_renders_autoscaler_service_monitor_and_secret_references_without_a_volume()
    {
        var chart = RenderedChart.Render(SqlServerAtScale);

        Assert.Contains("HorizontalPodAutoscaler", chart.Kinds);
        Assert.Contains("ServiceMonitor", chart.Kinds);
        Assert.DoesNotContain("PersistentVolumeClaim", chart.Kinds);
        var deployment = chart.OfKind("Deployment");
        Assert.Null(deployment["spec"]!["replicas"]);
        Assert.Null(deployment["spec"]!["strategy"]);
        var container = Container(deployment);
        Assert.Equal("profilehub-sql", Env(container, "ProfileHub__Storage__ConnectionString")!["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
        Assert.Equal("profilehub-redis", Env(container, "REDIS_PASSWORD")!["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
        Assert.Equal("redis-master:6379,ssl=false,password=$(REDIS_PASSWORD)", Env(container, "ProfileHub__Redis__Configuration")!["value"]!.GetValue<string>());
        Assert.Equal("profilehub-auth", container["envFrom"]![0]!["secretRef"]!["name"]!.GetValue<string>());
        Assert.Equal("metrics", chart.OfKind("ServiceMonitor")["spec"]!["endpoints"]![0]!["port"]!.GetValue<string>());
    }

    [Fact]
    public void Every_value_in_values_yaml_is_documented_with_a_param_and_listed_in_the_chart_readme()
    {
        var valuesText = File.ReadAllText(RepositoryRoot.Combine("charts", "profilehub", "values.yaml"));
        var readme = File.ReadAllText(RepositoryRoot.Combine("charts", "profilehub", "README.md"));
        var documented = Param().Matches(valuesText).Select(m => m.Groups[1].Value).ToHashSet();
        var values = (Dictionary<string, object?>)PythonYaml.ParseValues(RepositoryRoot.Combine("charts", "profilehub", "values.yaml"))!;

        var undocumented = Leaves(values, string.Empty).Where(path => !documented.Any(d => path == d || path.StartsWith(d + ".", StringComparison.Ordinal))).ToList();
        Assert.Empty(undocumented);
        Assert.All(documented, name => Assert.Contains("`" + name + "`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void The_renderer_fails_on_a_value_the_templates_reference_but_values_yaml_lacks()
    {
        var defines = new Dictionary<string, IReadOnlyList<TemplateNode>>();
        var nodes = TemplateParser.Parse("port: {{ .Values.service.grpcPrt }}", defines);
        var root = new Dictionary<string, object?> { ["Values"] = new Dictionary<string, object?> { ["service"] = new Dictionary<string, object?> { ["grpcPort"] = 8080L } } };

        var error = Assert.Throws<TemplateException>(() => new TemplateRenderer(defines).Render(nodes, root));

        Assert.Contains(".Values.service.grpcPrt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_yaml_check_rejects_a_broken_document()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("profilehub-yaml-").FullName, "broken.yaml");
        File.WriteAllText(file, "kind: Service\nmetadata:\n  name: x\n   labels: {a: 1\n");

        var error = Assert.Throws<FormatException>(() => PythonYaml.ParseFiles([file]));

        Assert.Contains("broken.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToYaml_output_round_trips_through_a_yaml_parser()
    {
        var value = new Dictionary<string, object?>
        {
            ["plain"] = "text",
            ["looksLikeBool"] = "yes",
            ["number"] = 3L,
            ["colon"] = "a: b",
            ["list"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "x", ["value"] = "1" }, "y" },
            ["empty"] = new Dictionary<string, object?>(),
        };
        var file = Path.Combine(Directory.CreateTempSubdirectory("profilehub-yaml-").FullName, "round.yaml");
        File.WriteAllText(file, YamlEmitter.Emit(value));

        var parsed = PythonYaml.ParseValues(file);

        Assert.Equal(JsonSerializer.Serialize(value.OrderBy(p => p.Key).ToDictionary()), JsonSerializer.Serialize(((Dictionary<string, object?>)parsed!).OrderBy(p => p.Key).ToDictionary()));
    }

    private static JsonNode Container(JsonObject deployment) => deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;

    private static JsonNode? Env(JsonNode container, string name) =>
        container["env"]!.AsArray().SingleOrDefault(e => e!["name"]!.GetValue<string>() == name);

    private static IEnumerable<string> Leaves(Dictionary<string, object?> map, string prefix)
    {
        foreach (var (key, value) in map)
        {
            var path = prefix.Length == 0 ? key : prefix + "." + key;
            if (value is Dictionary<string, object?> { Count: > 0 } child)
            {
                foreach (var leaf in Leaves(child, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    [GeneratedRegex(@"## @param (\S+)")]
    private static partial Regex Param();
}
