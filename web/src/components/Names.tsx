import { skillName, useDepartments, useSites, useSkills } from '../api/people';
import { explanationInWords } from './words';

/** A department's name for its code (the code while the list loads or when it is unknown). */
export function useDepartmentName(): (code: string | null | undefined) => string {
  const departments = useDepartments();
  return (code) => (code ? (departments.data?.find((d) => d.code === code)?.name ?? code) : '');
}

/** A site's name for its code. */
export function useSiteName(): (code: string | null | undefined) => string {
  const sites = useSites();
  return (code) => (code ? (sites.data?.find((s) => s.code === code)?.name ?? code) : '');
}

/** A department's name for its code, as an element (for table cells). */
export function DepartmentName({ code }: { code: string | null | undefined }) {
  const name = useDepartmentName();
  return <>{name(code)}</>;
}

/** The matching's explanation of a pair with its skill, department, site and language codes named. */
export function useExplanationInWords(): (text: string) => string {
  const skills = useSkills();
  const department = useDepartmentName();
  const site = useSiteName();
  return (text) => explanationInWords(text, { skill: (c) => skillName(skills.data, c), department, site });
}
