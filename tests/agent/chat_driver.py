"""``Chat``: one conversation with a compiled agent graph, turn by turn (the agent tests' driver)."""

from __future__ import annotations

from agent.reply import AgentReply


class Chat:
    """One conversation with a compiled graph, turn by turn."""

    def __init__(self, graph, context, conversation_id: str, channel: str = "web", hints: dict | None = None):
        self.graph = graph
        self.context = context
        self.id = conversation_id
        self.channel = channel
        self.hints = hints
        self.replies: list[AgentReply] = []

    @property
    def config(self) -> dict:
        return {"configurable": {"thread_id": self.id}}

    def say(self, text: str | None) -> AgentReply:
        values = {"conversation_id": self.id, "message": text, "channel": self.channel}
        if self.hints:
            values["hints"] = self.hints
        out = self.graph.invoke(values, self.config, context=self.context)
        reply = AgentReply.model_validate(out["reply"])
        self.replies.append(reply)
        return reply

    def run(self, *texts: str | None) -> AgentReply:
        reply = None
        for text in texts:
            reply = self.say(text)
        return reply

    @property
    def state(self) -> dict:
        return dict(self.graph.get_state(self.config).values)

    def profile(self):
        return self.context.profiles.get(self.id)
