using Buurt.Initiatives.Domain;

namespace Buurt.Initiatives.UseCases;

/// <summary>An initiative as a step leaves it: with its current deal and the moves the acting party may make next.</summary>
public sealed record InitiativeView(Initiative Initiative, Deal? Deal, IReadOnlyList<InitiativeStatus>? AllowedMoves);
