namespace ProfileHub.Core.Journey.Rules;

/// <summary>A validated stage: its public definition and its rule's conditions.</summary>
internal sealed record CompiledStage(StageDefinition Definition, int AfterOrder, IReadOnlyList<CompiledCondition> Conditions)
{
    /// <summary>The reason recorded on a transition into this stage (built once, not per evaluation).</summary>
    public string TransitionReason { get; } = "stage:" + Definition.Key;
}
