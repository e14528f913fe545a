import { z } from 'zod';
import { IsoDate } from './common.js';

/**
 * Rows of the place tables in knowledge/places/*.csv. Every cell is text in the file: empty means "none"
 * (no end date while it still exists, no ODS code). Lists (successors, alternative names) are joined by "|".
 */
const Code = z
  .string()
  .regex(/^[A-Z0-9]{3,9}$/, 'write the code as in ONS or ODS, e.g. E38000001 or 02N (capitals and digits)');
const MaybeCode = z.union([z.literal(''), Code]);
const MaybeDate = z.union([z.literal(''), IsoDate]);
const Name = z.string().trim().min(1, 'must not be empty');
const List = z.string().transform((s) =>
  s
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean),
);
const Dated = { validFrom: MaybeDate, validTo: MaybeDate };

export const CouncilRow = z.strictObject({
  code: Code,
  name: Name,
  officialName: Name,
  type: z.enum([
    'county',
    'district',
    'metropolitan-district',
    'london-borough',
    'unitary',
    'city-of-london',
  ]),
  upper: MaybeCode,
  ...Dated,
  successors: List,
  altNames: List,
});
export type CouncilRow = z.infer<typeof CouncilRow>;

export const CcgRow = z.strictObject({ code: Code, ods: MaybeCode, name: Name, ...Dated, successors: List });
export type CcgRow = z.infer<typeof CcgRow>;

export const SubIcbRow = z.strictObject({
  code: Code,
  ods: MaybeCode,
  name: Name,
  icb: Code,
  ccg: MaybeCode,
  ...Dated,
});
export type SubIcbRow = z.infer<typeof SubIcbRow>;

export const IcbRow = z.strictObject({
  code: Code,
  ods: MaybeCode,
  name: Name,
  region: Code,
  ...Dated,
  successors: List,
});
export type IcbRow = z.infer<typeof IcbRow>;

export const RegionRow = z.strictObject({
  code: Code,
  ods: MaybeCode,
  name: Name,
  ...Dated,
  successors: List,
  condition: z.string().describe('The value id of the region condition in conditions.yaml, if any.'),
});
export type RegionRow = z.infer<typeof RegionRow>;

export const CcgRegionRow = z.strictObject({ ccg: Code, region: Code, ...Dated, basis: Name });
export type CcgRegionRow = z.infer<typeof CcgRegionRow>;

const Share = {
  lsoas: z.coerce.number().int().positive('must be a whole number above 0'),
  share: z.coerce.number().gt(0, 'must be above 0').max(1, 'must be at most 1'),
};

export const CouncilCcgRow = z.strictObject({ council: Code, ccg: Code, ...Share, ...Dated });
export type CouncilCcgRow = z.infer<typeof CouncilCcgRow>;

export const CouncilSubIcbRow = z.strictObject({ council: Code, subIcb: Code, ...Share, ...Dated });
export type CouncilSubIcbRow = z.infer<typeof CouncilSubIcbRow>;

/**
 * Councils in Scotland, Wales and Northern Ireland: read only to say that a place named is outside England,
 * where the NHS is run differently (scope.yaml devolved-nations). Never answered with a body.
 */
export const OutsideEnglandRow = z.strictObject({
  code: Code,
  name: Name,
  officialName: Name,
  nation: z.enum(['Scotland', 'Wales', 'Northern Ireland']),
  altNames: List,
});
export type OutsideEnglandRow = z.infer<typeof OutsideEnglandRow>;

/**
 * A postcode district (outward code) and a council it lies in, by date: share 1 where the district lies
 * wholly in that council (the outward code settles the council), empty where it is split between councils
 * and the source does not say how (each council of the district has its own row).
 */
export const PostcodeDistrictRow = z.strictObject({
  outward: z
    .string()
    .regex(/^[A-Z]{1,2}[0-9][A-Z0-9]?$/, 'write an outward code in capitals, as in LS6, SW1A or TR18'),
  council: Code.describe(
    'The ONS code of the council: in councils.csv, or outside-england.csv for Wales and Scotland.',
  ),
  share: z.union([
    z.literal('').transform(() => undefined),
    z.coerce.number().gt(0, 'must be above 0').max(1, 'must be at most 1'),
  ]),
  ...Dated,
});
export type PostcodeDistrictRow = z.infer<typeof PostcodeDistrictRow>;

/** Each table file and the schema of its rows. */
/**
 * A town or city and the district or unitary council it lies in (towns.csv, from OS Open Names): read as
 * that council, so its county, CCG, ICB and region follow from the council tables by date.
 */
export const TownRow = z.strictObject({
  name: Name,
  council: Code.describe(
    'The ONS code of the district or unitary council the town lies in: in councils.csv.',
  ),
  type: z.enum(['city', 'town', 'other settlement', 'suburban area']),
  osId: z.string().regex(/^osgb\d+$/, 'write the OS Open Names identifier, as in osgb4000000074564910'),
});
export type TownRow = z.infer<typeof TownRow>;

/**
 * A town in Scotland, Wales or Northern Ireland and the council there it lies in (outside-towns.csv): read
 * only to say that the place is outside England, as the council's own names are (outside-england.csv).
 */
export const OutsideTownRow = z.strictObject({
  name: Name,
  council: Code.describe('The ONS code of the council the town lies in: in outside-england.csv.'),
  type: z.enum(['city', 'town', 'other settlement', 'former district']),
  sourceId: z
    .string()
    .regex(
      /^(?:osgb\d+|NIR-[A-Z])$/,
      'write the OS Open Names identifier (osgb4000000074564910) or the mySociety code of a former Northern Ireland district (NIR-G)',
    ),
});
export type OutsideTownRow = z.infer<typeof OutsideTownRow>;

export const PLACE_TABLES = {
  'councils.csv': CouncilRow,
  'ccgs.csv': CcgRow,
  'sub-icbs.csv': SubIcbRow,
  'icbs.csv': IcbRow,
  'regions.csv': RegionRow,
  'ccg-regions.csv': CcgRegionRow,
  'council-ccgs.csv': CouncilCcgRow,
  'council-sub-icbs.csv': CouncilSubIcbRow,
  'outside-england.csv': OutsideEnglandRow,
  'postcode-districts.csv': PostcodeDistrictRow,
  'towns.csv': TownRow,
  'outside-towns.csv': OutsideTownRow,
} as const;
export type PlaceFile = keyof typeof PLACE_TABLES;

const ManifestSource = z.looseObject({
  repo: Name,
  commit: z.string(),
  licence: Name,
  path: Name,
  sourceDate: IsoDate,
});

export const ManifestFile = z.looseObject({
  what: Name,
  sources: z.array(ManifestSource).min(1, 'every table needs at least one source'),
  covers: z.strictObject({ from: IsoDate, to: IsoDate.optional() }),
  gaps: z.array(Name),
  taken: IsoDate,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 hexadecimal digits'),
  rows: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const PlaceManifest = z.strictObject({
  tableDate: IsoDate.describe(
    'The date of the newest vintage in the tables: later questions are beyond the table.',
  ),
  files: z.record(z.string(), ManifestFile),
});
export type PlaceManifest = z.infer<typeof PlaceManifest>;
