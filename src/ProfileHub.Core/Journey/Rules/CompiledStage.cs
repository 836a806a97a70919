namespace ProfileHub.Core.Journey.Rules;

/// <summary>A validated stage: its public definition and its rule's conditions.</summary>
internal sealed record CompiledStage(StageDefinition Definition, int AfterOrder, IReadOnlyList<CompiledCondition> Conditions);
