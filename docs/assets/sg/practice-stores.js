// What the story bank and the mock interview keep on the device (store.js): each one's key and
// format, apart from their pages' code, for the landing page to read without loading those.
const isObject = (v) => v?.constructor === Object;

export const STORIES_KEY = "sg-stories";
export const STORIES = {
  version: 1,
  // Version 0, before versions: the list of stories alone.
  migrate: [(stories) => ({ version: 1, stories })],
  valid: (d) => Array.isArray(d?.stories) && d.stories.every((s) => isObject(s) && typeof s.title == "string"),
  fresh: () => ({ version: 1, stories: [] }),
};

export const MOCK_KEY = "sg-mock";
export const MOCK = {
  version: 1,
  // Version 0, before versions: the list of sessions alone.
  migrate: [(sessions) => ({ version: 1, sessions })],
  valid: (d) => Array.isArray(d?.sessions) && d.sessions.every((s) => isObject(s) && Array.isArray(s.questions)),
  fresh: () => ({ version: 1, sessions: [] }),
};
