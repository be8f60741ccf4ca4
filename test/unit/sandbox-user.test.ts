/** The sandbox user over the image's facts (pure), table-driven. */
import { expect, test } from '@jest/globals';
import { decideUser, type UserFacts } from '../../src/sandbox/sandbox-user.js';

const passwd =
  'root:x:0:0::/root:/bin/sh\napp:x:1000:1001::/home/app:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n';
const group = 'root:x:0:\napp:x:1001:\nstaff:x:50:\n';
const f = (o: Partial<UserFacts>): UserFacts => ({
  user: null,
  imageUser: '',
  allowRoot: false,
  passwd,
  group,
  ...o,
});
const NOBODY = { uid: 65534, gid: 65534 };

test.each([
  ['no --user, no image USER: 65534', f({}), { ids: NOBODY, notes: [] }],
  ['the image USER by name', f({ imageUser: 'app' }), { ids: { uid: 1000, gid: 1001 }, notes: [] }],
  [
    'the image USER by number (no lookup)',
    f({ imageUser: '42', passwd: '', group: '' }),
    { ids: { uid: 42, gid: 42 }, notes: [] },
  ],
  [
    '--user wins over the image USER',
    f({ user: '2000:3000', imageUser: 'app' }),
    { ids: { uid: 2000, gid: 3000 }, notes: [] },
  ],
  ['--user name:group', f({ user: 'app:staff' }), { ids: { uid: 1000, gid: 50 }, notes: [] }],
  [
    'an image USER of root is demoted, with a note',
    f({ imageUser: 'root' }),
    {
      ids: NOBODY,
      notes: [
        "the image runs as root ('root'); the sandbox runs as 65534:65534 instead (--allow-root keeps root)",
      ],
    },
  ],
  [
    'an image USER of 0 is demoted, with a note',
    f({ imageUser: '0:0' }),
    {
      ids: NOBODY,
      notes: [
        "the image runs as root ('0:0'); the sandbox runs as 65534:65534 instead (--allow-root keeps root)",
      ],
    },
  ],
  [
    '--allow-root keeps an image USER of root',
    f({ imageUser: 'root', allowRoot: true }),
    { ids: { uid: 0, gid: 0 }, notes: [] },
  ],
  ['--allow-root with --user 0', f({ user: '0', allowRoot: true }), { ids: { uid: 0, gid: 0 }, notes: [] }],
  [
    'an explicit --user that resolves to uid 0 is refused without --allow-root',
    f({ user: 'toor', passwd: `${passwd}toor:x:0:0::/:/bin/sh\n` }),
    { error: "'toor' is uid 0; pass --allow-root to run as root (not recommended)" },
  ],
  [
    'an unknown --user is refused',
    f({ user: 'ghost' }),
    { error: "user 'ghost' is not in the image's /etc/passwd" },
  ],
  [
    'an unknown --user group is refused',
    f({ user: 'app:ghosts' }),
    { error: "group 'ghosts' is not in the image's /etc/group" },
  ],
  [
    'an unknown image USER falls back to 65534, with a note',
    f({ imageUser: 'ghost' }),
    {
      ids: NOBODY,
      notes: [
        "the image's user 'ghost' could not be resolved (user 'ghost' is not in the image's /etc/passwd); running as 65534:65534",
      ],
    },
  ],
])('%s', (_, facts, want) => expect(decideUser(facts)).toEqual(want));
