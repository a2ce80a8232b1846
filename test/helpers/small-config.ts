import { parseConfig, type Config, type ConfigInput } from '../../src/domain/config.js';

/** A small service: four rota workers, one cadre, no meetings; hours short enough to write valid weeks by hand. */
export function smallConfigInput(extra: Partial<ConfigInput> = {}): ConfigInput {
  return {
    name: 'test',
    sites: {
      hebergement: { name: 'Hébergement', address: '1 rue A' },
      reunions: { name: 'Réunions', address: '2 rue B' },
      exterieur: { name: 'Extérieur', address: 'Cantal' },
    },
    people: [
      { id: 'a', name: 'Alice A', role: 'es', team: 'nord', fte: 1, onRota: true },
      { id: 'b', name: 'Bruno B', role: 'es', team: 'nord', fte: 1, onRota: true },
      { id: 'c', name: 'Carla C', role: 'es', team: 'sud', fte: 1, onRota: true },
      { id: 'd', name: 'Denis D', role: 'as', team: 'sud', fte: 1, onRota: true },
      { id: 'z', name: 'Zoé Z', role: 'puericultrice', team: 'transversal', fte: 1 },
      { id: 'k', name: 'Karim K', role: 'cadre', team: 'none', fte: 1, astreinte: true, planned: false },
      { id: 'l', name: 'Lina L', role: 'cadre', team: 'none', fte: 1, astreinte: true, planned: false },
    ],
    openingHours: {
      weekday: { open: '08:00', close: '20:00' },
      saturday: { open: '10:00', close: '18:00' },
      sunday: { open: '10:00', close: '18:00' },
      holiday: { open: '10:00', close: '18:00' },
    },
    shiftTemplates: [
      { id: 'matin', label: 'Permanence matin', kind: 'permanence', dayTypes: ['weekday'], start: '08:00', end: '14:15', breakMinutes: 20, site: 'hebergement' },
      { id: 'soir', label: 'Permanence soir', kind: 'permanence', dayTypes: ['weekday'], start: '14:00', end: '20:00', site: 'hebergement', evening: true },
      { id: 'we', label: 'Permanence week-end', kind: 'permanence', dayTypes: ['saturday', 'sunday', 'holiday'], start: '10:00', end: '18:00', breakMinutes: 20, site: 'hebergement' },
      { id: 'doublure', label: 'Doublure samedi', kind: 'doublure', dayTypes: ['saturday'], start: '10:00', end: '17:00', breakMinutes: 20, site: 'exterieur' },
      { id: 'journee', label: 'Journée', kind: 'journee', dayTypes: ['weekday'], start: '09:00', end: '17:00', unpaid: ['12:30', '13:30'], site: 'exterieur' },
    ],
    doublure: { saturday: 1, weekday: 0, sunday: 0, holiday: 0 },
    nightRelay: { holder: 'Veilleur CHRS', label: 'Relais de nuit' },
    ...extra,
  };
}

export function smallConfig(extra: Partial<ConfigInput> = {}): Config {
  return parseConfig(smallConfigInput(extra));
}
