/**
 * Escale's embed colours, in one place. Informational replies (lists, settings, history) share one colour; an
 * announcement's colour tells its state at a glance, and the host's notes stand out under the recap.
 */
export const EMBED_COLOR = 0x2f_7d_6d;
export const ANNOUNCEMENT_COLOR = { scheduled: 0x2f_9e_44, cancelled: 0x86_8e_96, over: 0x4c_6e_f5 } as const;
export const NOTES_COLOR = 0xf0_8c_00;
