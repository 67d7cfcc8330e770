// Every page of the UI in one list: path pattern, title, where it sits in the nav, its layout ('full': no padding,
// no scrolling, for the graph), and its module (loaded on first visit; it exports render(el, {params, query, page})
// and may return a cleanup function). A new page is one entry here plus one file under pages/.

const feature = (path, title, api, about, refreshEvery = 0) => ({
  path, navPath: path, title, group: 'Operations', api, about, refreshEvery,
  load: () => import('./pages/feature-list.js'),
});

export const pages = [
  { path: '/ui/graph', navPath: '/ui/graph', title: 'Graph', group: 'Twins', layout: 'full', load: () => import('./pages/graph.js') },
  { path: '/ui/twins/:id', title: 'Twin', load: () => import('./pages/twin.js') },
  { path: '/ui/models', navPath: '/ui/models', title: 'Models', group: 'Twins', load: () => import('./pages/models.js') },
  { path: '/ui/query', navPath: '/ui/query', title: 'Query', group: 'Twins', load: () => import('./pages/query.js') },
  // resumesByItself: its subscription replays what it missed from its cursor, so a server back needs no redraw.
  { path: '/ui/events', navPath: '/ui/events', title: 'Live events', group: 'Twins', resumesByItself: true, load: () => import('./pages/events.js') },
  { path: '/ui/scenarios', navPath: '/ui/scenarios', title: 'Scenarios', group: 'What-if', load: () => import('./pages/scenarios.js') },
  // Operations pages: their APIs come with their own features; each page says so when the server has no such API.
  feature('/ui/alerts', 'Alerts', '/alerts', 'Alerts raised by rules on twin values.', 3000),
  feature('/ui/rules', 'Rules', '/rules', 'Conditions on twin values that raise alerts.'),
  feature('/ui/connectors', 'Connectors', '/connectors', 'Where live data comes from (MQTT, Kafka, ...).'),
  feature('/ui/deadletters', 'Dead letters', '/deadletters', 'Incoming messages that could not be applied, with why.'),
  feature('/ui/eventroutes', 'Event routes', '/eventroutes', 'Where the change stream is forwarded.'),
];
