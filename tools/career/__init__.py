"""Career moves, skills gap, training and job recommendations, and knowledge packs.

The public functions the agent and the channels call:

- :func:`tools.career.moves.rank_moves`
- :func:`tools.career.gap.compute_gap` and :func:`tools.career.gap_picture.render_gap_svg`
- :func:`tools.career.trainings.recommend_trainings`
- :func:`tools.career.jobs.match_jobs`
- :class:`tools.career.packs.registry.PackRegistry`
"""

