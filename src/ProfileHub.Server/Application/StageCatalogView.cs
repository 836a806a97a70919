using ProfileHub.Core.Errors;
using ProfileHub.Core.Journey;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Application;

/// <summary>The configured stage catalog as the API shows it; built once, since the catalog is fixed for the process.</summary>
internal sealed class StageCatalogView
{
    private readonly StageCatalog _catalog;
    private readonly V1.ListStagesResponse _stages = new();

    public StageCatalogView(StageCatalog catalog)
    {
        _catalog = catalog;
        foreach (var stage in catalog.Stages)
        {
            _stages.Stages.Add(new V1.Stage { Key = stage.Key, DisplayName = stage.DisplayName, Order = stage.Order, Rule = stage.RuleSummary });
        }
    }

    public V1.ListStagesResponse ToProto() => _stages;

    public void RequireStage(string key, string field)
    {
        if (_catalog.Find(key) is null)
        {
            throw new InvalidFieldException(field, $"unknown stage \"{key}\" (stages: {string.Join(", ", _catalog.Stages.Select(s => s.Key))})");
        }
    }
}
